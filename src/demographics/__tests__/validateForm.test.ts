// @vitest-environment node
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { checkUserInfo, NAME_PATTERN } from '../../testing/simulator/junction/demographics.js'
import { Issues } from '../../testing/simulator/validation.js'
import {
  DEMOGRAPHICS_FORM_PATHS,
  type DemographicsFormPath,
  type DemographicsFormValues,
  demographicsFromForm,
  ETHNICITY_OPTIONS,
  emptyFormValues,
  formPaths,
  GENDER_IDENTITY_OPTIONS,
  OPTIONAL_DEMOGRAPHIC_FIELDS,
  type OptionalDemographicsField,
  RACE_OPTIONS,
  SEXUAL_ORIENTATION_OPTIONS,
} from '../formValues.js'
import { PHONE_HINT, validateDemographicsForm } from '../validateForm.js'

/** Noon, 15 June 2025, on the clock of whoever runs the tests. */
const NOW = new Date(2025, 5, 15, 12, 0, 0)
const ALL = OPTIONAL_DEMOGRAPHIC_FIELDS

const REQUIRED = 'is required'
const NAME =
  "must start with a letter or digit and use only letters A–Z without accents, digits, single spaces between words, and - . , '"
const EMAIL = 'must be an email address, such as name@example.com'
const PHONE =
  'must be a phone number in international format, starting with + and the country code, such as +14155550123'
const DATE_FORMAT = 'must be a date written as YYYY-MM-DD'
const DATE_REAL = 'must be a date that exists on the calendar'
const DATE_FUTURE = 'cannot be in the future'
const DATE_EARLY = 'must be on or after 1900-01-01'
const COUNTRY = 'must be a two-letter country code, such as US'
const ZIP = 'must be at most 10 letters, digits, spaces or dashes'
const OPTION = 'must be one of the listed options'

const PATIENT: Partial<DemographicsFormValues> = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@example.com',
  phone_number: '+14155550123',
  gender: 'female',
  dob: '1990-12-10',
  'address.first_line': '1 Main St',
  'address.city': 'San Francisco',
  'address.state': 'CA',
  'address.zip': '94105',
  'address.country': 'US',
}

const PROXY: Partial<DemographicsFormValues> = {
  'medical_proxy.first_name': 'Charles',
  'medical_proxy.last_name': 'Babbage',
  'medical_proxy.phone_number': '+442079460958',
  'medical_proxy.email': 'charles@example.com',
  'medical_proxy.address.first_line': '2 High St',
  'medical_proxy.address.second_line': 'Flat 3',
  'medical_proxy.address.city': 'London',
  'medical_proxy.address.state': 'London',
  'medical_proxy.address.zip': 'SW1A 1AA',
  'medical_proxy.address.country': 'GB',
}

const COMPLETE: DemographicsFormValues = {
  ...emptyFormValues(),
  ...PATIENT,
  'address.second_line': 'Apt 2',
  race: 'asian',
  ethnicity: 'non_hispanic',
  sexual_orientation: 'dont_know',
  gender_identity: 'genderqueer',
  ...PROXY,
}

function validate(
  patch: Partial<DemographicsFormValues>,
  optional: readonly OptionalDemographicsField[] = [],
  now: Date = NOW,
) {
  return validateDemographicsForm({ ...emptyFormValues(), ...PATIENT, ...patch }, optional, now)
}

/** The message for `path` once it holds `value` (the rest of the form valid), or undefined when it passes. */
function messageFor(path: DemographicsFormPath, value: string, optional: readonly OptionalDemographicsField[] = ALL) {
  const errors = validateDemographicsForm({ ...COMPLETE, [path]: value }, optional, NOW)
  expect(errors.filter((error) => error.path !== path)).toEqual([])
  return errors.find((error) => error.path === path)?.message
}

describe('validateDemographicsForm', () => {
  it('passes a complete form, with and without the optional groups', () => {
    expect(validate({})).toEqual([])
    expect(validateDemographicsForm(COMPLETE, ALL, NOW)).toEqual([])
    expect(validateDemographicsForm(COMPLETE, [], NOW)).toEqual([])
  })

  it('asks for every required field of an empty form, in form order', () => {
    expect(validateDemographicsForm(emptyFormValues(), [], NOW)).toEqual(
      [
        'first_name',
        'last_name',
        'email',
        'phone_number',
        'gender',
        'dob',
        'address.first_line',
        'address.city',
        'address.state',
        'address.zip',
        'address.country',
      ].map((path) => ({ path, message: REQUIRED })),
    )
  })

  it('treats a value of spaces, tabs or line breaks as missing', () => {
    expect(validate({ last_name: ' \t\n ', 'address.city': '\u00a0' })).toEqual([
      { path: 'last_name', message: REQUIRED },
      { path: 'address.city', message: REQUIRED },
    ])
  })

  it('checks values as they are sent, trimmed', () => {
    expect(
      validate({ first_name: '  Ada ', email: ' ada@example.com\t', dob: ' 1990-12-10 ', 'address.zip': ' 94105 ' }),
    ).toEqual([])
  })

  it('reports one error per failing path, in form order, across groups', () => {
    const errors = validate(
      {
        'medical_proxy.email': 'not an email',
        race: 'martian',
        'address.country': 'USA',
        email: 'nope',
        first_name: '',
        'address.second_line': '###',
      },
      ALL,
    )
    expect(errors.map((error) => error.path)).toEqual([
      'first_name',
      'email',
      'address.country',
      'race',
      'medical_proxy.first_name',
      'medical_proxy.last_name',
      'medical_proxy.phone_number',
      'medical_proxy.email',
      'medical_proxy.address.first_line',
      'medical_proxy.address.city',
      'medical_proxy.address.state',
      'medical_proxy.address.zip',
      'medical_proxy.address.country',
    ])
    const order = DEMOGRAPHICS_FORM_PATHS as readonly string[]
    const positions = errors.map((error) => order.indexOf(error.path))
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
  })

  it('only ever reports paths the form shows', () => {
    fc.assert(
      fc.property(
        fc.record(
          Object.fromEntries(DEMOGRAPHICS_FORM_PATHS.map((path) => [path, fc.string({ maxLength: 8 })])) as Record<
            DemographicsFormPath,
            fc.Arbitrary<string>
          >,
        ),
        fc.subarray([...ALL]),
        (values, optional) => {
          const shown: readonly string[] = formPaths(optional)
          const errors = validateDemographicsForm(values, optional, NOW)
          for (const error of errors) expect(shown).toContain(error.path)
          expect(new Set(errors.map((error) => error.path)).size).toBe(errors.length)
        },
      ),
    )
  })
})

describe('names', () => {
  it.each([
    'Ada',
    'J',
    "O'Brien",
    'Anne-Marie',
    'Mary Jane',
    'St. John',
    'Smith, Jr.',
    'Smith-',
    '3rd',
    'X Ae A-12',
    'Ann - Marie',
  ])('accepts %j', (value) => {
    expect(messageFor('first_name', value)).toBeUndefined()
    expect(messageFor('last_name', value)).toBeUndefined()
    expect(messageFor('medical_proxy.first_name', value)).toBeUndefined()
    expect(messageFor('medical_proxy.last_name', value)).toBeUndefined()
  })

  it.each([
    'José',
    'Zoë',
    'Ærøskøbing',
    '李',
    'Mary  Jane',
    '-Ann',
    "'Ann",
    '.Ann',
    'Ann_Marie',
    'Ann!',
    'Ann (Annie)',
    'Ann\u00a0 Marie',
  ])('refuses %j, explaining the rule', (value) => {
    expect(messageFor('first_name', value)).toBe(NAME)
    expect(messageFor('last_name', value)).toBe(NAME)
    expect(messageFor('medical_proxy.first_name', value)).toBe(NAME)
    expect(messageFor('medical_proxy.last_name', value)).toBe(NAME)
  })

  it('decides exactly as Junction’s pattern does, on the trimmed value', () => {
    const unit = fc.constantFrom('a', 'Z', '0', '9', '-', '.', ',', "'", ' ', '\t', 'é', '_', '!', 'ß')
    fc.assert(
      fc.property(fc.string({ unit, minLength: 1, maxLength: 10 }), (value) => {
        const trimmed = value.trim()
        fc.pre(trimmed !== '')
        expect(messageFor('first_name', value) === undefined).toBe(NAME_PATTERN.test(trimmed))
      }),
      { numRuns: 500 },
    )
  })
})

describe('email', () => {
  it.each(['ada@example.com', 'ada.lovelace+lab@mail.example.co.uk', 'a@b.io', "o'brien@example.org"])(
    'accepts %j',
    (value) => {
      expect(messageFor('email', value)).toBeUndefined()
      expect(messageFor('medical_proxy.email', value)).toBeUndefined()
    },
  )

  it.each([
    'ada',
    'ada@',
    '@example.com',
    'ada@example',
    'ada@@example.com',
    'ada@ex@ample.com',
    'ada lovelace@example.com',
    'ada@exa mple.com',
    'ada@example..com',
    'ada..l@example.com',
    'ada@.example.com',
    'ada@example.com.',
  ])('refuses %j', (value) => {
    expect(messageFor('email', value)).toBe(EMAIL)
    expect(messageFor('medical_proxy.email', value)).toBe(EMAIL)
  })

  it('leaves the medical proxy’s email optional', () => {
    expect(messageFor('medical_proxy.email', '')).toBeUndefined()
    expect(messageFor('email', '')).toBe(REQUIRED)
  })
})

describe('phone numbers', () => {
  it.each([
    '+14155550123',
    '+1 (415) 555-0123',
    '+1.415.555.0123',
    '+44 20 7946 0958',
    '+1234567',
    '+123456789012345',
    ' +14155550123 ',
  ])('accepts %j', (value) => {
    expect(messageFor('phone_number', value)).toBeUndefined()
    expect(messageFor('medical_proxy.phone_number', value)).toBeUndefined()
  })

  it.each([
    '14155550123',
    '(415) 555-0123',
    '0044 20 7946 0958',
    '+04155550123',
    '+123456',
    '+1234567890123456',
    '++14155550123',
    '+1 415 555 0123 ext 5',
    '+1/415/555/0123',
    '+1 415 555 O123',
    '+',
    '()',
  ])('refuses %j', (value) => {
    expect(messageFor('phone_number', value)).toBe(PHONE)
    expect(messageFor('medical_proxy.phone_number', value)).toBe(PHONE)
  })

  it('offers a hint that matches the rule', () => {
    expect(PHONE_HINT).toBe('International format, starting with + and the country code, such as +14155550123')
    const example = /\+\d+/.exec(PHONE_HINT)?.[0] ?? ''
    expect(messageFor('phone_number', example)).toBeUndefined()
  })
})

describe('date of birth', () => {
  it.each(['1990-12-10', '2024-02-29', '2000-02-29', '1900-01-01', '2025-06-15', '2025-06-14'])(
    'accepts %j',
    (value) => {
      expect(messageFor('dob', value)).toBeUndefined()
    },
  )

  it.each(['10/12/1990', '1990-1-5', '19901210', '1990-12-10T00:00:00Z', '90-12-10', 'yesterday', '１９９０-12-10'])(
    'refuses %j as not YYYY-MM-DD',
    (value) => {
      expect(messageFor('dob', value)).toBe(DATE_FORMAT)
    },
  )

  it.each([
    '2023-02-30',
    '2023-02-29',
    '1900-02-29',
    '2023-04-31',
    '2023-13-01',
    '2023-00-10',
    '2023-01-00',
    '2023-01-32',
  ])('refuses %j as no real date', (value) => {
    expect(messageFor('dob', value)).toBe(DATE_REAL)
  })

  it('refuses a date after today, judged by the clock given', () => {
    expect(messageFor('dob', '2025-06-16')).toBe(DATE_FUTURE)
    expect(messageFor('dob', '2026-01-01')).toBe(DATE_FUTURE)
    expect(validate({ dob: '2025-06-16' }, [], new Date(2025, 5, 16, 0, 1))).toEqual([])
    expect(validate({ dob: '2025-06-16' }, [], new Date(2025, 5, 15, 23, 59))).toEqual([
      { path: 'dob', message: DATE_FUTURE },
    ])
  })

  describe('in the time zone of the person filling the form', () => {
    afterEach(() => {
      vi.unstubAllEnvs()
    })

    it('counts today as already begun east of UTC', () => {
      vi.stubEnv('TZ', 'Pacific/Kiritimati')
      const now = new Date('2025-06-15T12:00:00Z')
      expect(now.getDate()).toBe(16)
      expect(validate({ dob: '2025-06-16' }, [], now)).toEqual([])
      expect(validate({ dob: '2025-06-17' }, [], now)).toEqual([{ path: 'dob', message: DATE_FUTURE }])
    })

    it('counts today as not yet begun west of UTC', () => {
      vi.stubEnv('TZ', 'Pacific/Pago_Pago')
      const now = new Date('2025-06-15T05:00:00Z')
      expect(now.getDate()).toBe(14)
      expect(validate({ dob: '2025-06-14' }, [], now)).toEqual([])
      expect(validate({ dob: '2025-06-15' }, [], now)).toEqual([{ path: 'dob', message: DATE_FUTURE }])
    })
  })

  it('uses the current time when no clock is given', () => {
    expect(validateDemographicsForm({ ...emptyFormValues(), ...PATIENT, dob: '2999-01-01' }, [])).toEqual([
      { path: 'dob', message: DATE_FUTURE },
    ])
    expect(validateDemographicsForm({ ...emptyFormValues(), ...PATIENT, dob: '1999-01-01' }, [])).toEqual([])
  })

  it.each(['1899-12-31', '1850-06-01', '0001-01-01'])('refuses %j as before 1900', (value) => {
    expect(messageFor('dob', value)).toBe(DATE_EARLY)
  })
})

describe('address', () => {
  it.each(['US', 'us', 'Gb', ' de '])('accepts the country code %j', (value) => {
    expect(messageFor('address.country', value)).toBeUndefined()
    expect(messageFor('medical_proxy.address.country', value)).toBeUndefined()
  })

  it.each(['USA', 'U', 'U1', '12', 'United States', 'U S', 'ÜS'])('refuses the country %j', (value) => {
    expect(messageFor('address.country', value)).toBe(COUNTRY)
    expect(messageFor('medical_proxy.address.country', value)).toBe(COUNTRY)
  })

  it.each(['94105', '94105-1234', 'SW1A 1AA', 'K1A 0B1', '1010', ' 94105 '])('accepts the postal code %j', (value) => {
    expect(messageFor('address.zip', value)).toBeUndefined()
    expect(messageFor('medical_proxy.address.zip', value)).toBeUndefined()
  })

  it.each(['94105-12345', '941#5', '94105_1234', 'SW1A·1AA', '٩٤١٠٥'])('refuses the postal code %j', (value) => {
    expect(messageFor('address.zip', value)).toBe(ZIP)
    expect(messageFor('medical_proxy.address.zip', value)).toBe(ZIP)
  })

  it('takes any text for the street, city and state, and leaves the second line optional', () => {
    for (const path of ['address.first_line', 'address.city', 'address.state'] as const) {
      expect(messageFor(path, 'Ünïcödé #5 / ½')).toBeUndefined()
      expect(messageFor(path, '')).toBe(REQUIRED)
    }
    expect(messageFor('address.second_line', '')).toBeUndefined()
    expect(messageFor('address.second_line', 'c/o Ünïcödé #5')).toBeUndefined()
  })
})

describe('gender', () => {
  it('is required, and free text as Junction takes it', () => {
    expect(messageFor('gender', '')).toBe(REQUIRED)
    expect(messageFor('gender', 'unknown')).toBeUndefined()
    expect(messageFor('gender', 'non-binary')).toBeUndefined()
  })
})

describe('optional choices', () => {
  const choices = [
    ['race', RACE_OPTIONS],
    ['ethnicity', ETHNICITY_OPTIONS],
    ['sexual_orientation', SEXUAL_ORIENTATION_OPTIONS],
    ['gender_identity', GENDER_IDENTITY_OPTIONS],
  ] as const

  it.each(choices)('%s accepts each of its options and no answer', (path, options) => {
    for (const option of options) expect(messageFor(path, option.value, [path])).toBeUndefined()
    expect(messageFor(path, '', [path])).toBeUndefined()
    expect(messageFor(path, '  ', [path])).toBeUndefined()
  })

  it.each(choices)('%s refuses a value that is not an option, labels included', (path, options) => {
    expect(messageFor(path, 'martian', [path])).toBe(OPTION)
    expect(messageFor(path, options[0]?.label ?? '', [path])).toBe(OPTION)
    expect(messageFor(path, (options[0]?.value ?? '').toUpperCase(), [path])).toBe(OPTION)
  })

  it.each(choices)('%s is not checked when it is not asked for', (path) => {
    expect(
      messageFor(
        path,
        'martian',
        ALL.filter((group) => group !== path),
      ),
    ).toBeUndefined()
  })
})

describe('medical proxy', () => {
  const PROXY_REQUIRED = [
    'medical_proxy.first_name',
    'medical_proxy.last_name',
    'medical_proxy.phone_number',
    'medical_proxy.address.first_line',
    'medical_proxy.address.city',
    'medical_proxy.address.state',
    'medical_proxy.address.zip',
    'medical_proxy.address.country',
  ] as const

  it('is not checked when it is not asked for, whatever it holds', () => {
    expect(validate({ 'medical_proxy.first_name': 'José', 'medical_proxy.email': 'nope' }, ['race'])).toEqual([])
  })

  it('is not checked when it is asked for but left blank', () => {
    expect(validate({}, ['medical_proxy'])).toEqual([])
    expect(
      validate({ 'medical_proxy.first_name': '  ', 'medical_proxy.phone_number': '( )' }, ['medical_proxy']),
    ).toEqual([])
  })

  it('passes when it is filled in', () => {
    expect(validate(PROXY, ['medical_proxy'])).toEqual([])
    expect(
      validate({ ...PROXY, 'medical_proxy.email': '', 'medical_proxy.address.second_line': '' }, ['medical_proxy']),
    ).toEqual([])
  })

  it.each(DEMOGRAPHICS_FORM_PATHS.filter((path) => path.startsWith('medical_proxy.')))(
    'once %s is filled, asks for the rest of what Junction requires',
    (path) => {
      const value = path.endsWith('email') ? 'charles@example.com' : (PROXY[path] ?? '')
      const errors = validate({ [path]: value }, ['medical_proxy'])
      expect(errors).toEqual(
        PROXY_REQUIRED.filter((other) => other !== path).map((other) => ({ path: other, message: REQUIRED })),
      )
    },
  )

  it('applies the patient’s rules to its fields', () => {
    expect(messageFor('medical_proxy.first_name', 'José')).toBe(NAME)
    expect(messageFor('medical_proxy.phone_number', '555-0123')).toBe(PHONE)
    expect(messageFor('medical_proxy.address.zip', '12345678901')).toBe(ZIP)
    expect(messageFor('medical_proxy.address.country', 'GBR')).toBe(COUNTRY)
  })
})

describe('patient data', () => {
  const messages = (values: DemographicsFormValues) =>
    validateDemographicsForm(values, ALL, NOW).map((error) => error.message)

  it('never quotes realistic mistakes back', () => {
    const typed: Partial<DemographicsFormValues> = {
      first_name: 'José',
      last_name: 'Smith  Jones',
      email: 'jose.smith@@example.com',
      phone_number: '415 555 0123',
      dob: '2023-02-30',
      'address.zip': '94105-123456',
      'address.country': 'United States',
      race: 'Martian',
      'medical_proxy.first_name': 'Zoë',
      'medical_proxy.phone_number': '020 7946 0958',
      'medical_proxy.email': 'zoe at example dot com',
      'medical_proxy.address.country': 'GBR',
    }
    const all = messages({ ...COMPLETE, ...typed })
    expect(all).toHaveLength(Object.keys(typed).length)
    for (const message of all) {
      for (const value of Object.values(typed)) expect(message).not.toContain(value)
    }
  })

  it('never quotes what was typed, whatever it is', () => {
    const form = fc.record(
      Object.fromEntries(DEMOGRAPHICS_FORM_PATHS.map((path) => [path, fc.string({ maxLength: 24 })])) as Record<
        DemographicsFormPath,
        fc.Arbitrary<string>
      >,
    )
    fc.assert(
      fc.property(form, (values) => {
        const typed = Object.values(values)
          .map((value) => value.trim())
          // Shorter strings (a digit, "a", "the") can appear in any sentence by chance.
          .filter((value) => value.length >= 6)
        for (const message of messages(values)) {
          for (const value of typed) expect(message).not.toContain(value)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('says the same about every wrong value of a kind, so nothing of the value gets through', () => {
    const badName = fc.string({ minLength: 1, maxLength: 12 }).filter((value) => {
      const trimmed = value.trim()
      return trimmed !== '' && !NAME_PATTERN.test(trimmed)
    })
    fc.assert(
      fc.property(badName, (value) => {
        expect(messageFor('first_name', value)).toBe(NAME)
      }),
    )
    const badPhone = fc.string({ minLength: 1, maxLength: 20 }).filter((value) => !/^[\s\-.()]*$/.test(value))
    fc.assert(
      fc.property(badPhone, (value) => {
        const message = messageFor('phone_number', value)
        expect(message === undefined || message === PHONE).toBe(true)
      }),
    )
  })
})

describe('agreement with Junction', () => {
  const letters = fc.string({ unit: fc.constantFrom('a', 'B', 'c', 'D', '7'), minLength: 1, maxLength: 6 })

  function accepted(values: DemographicsFormValues, optional: readonly OptionalDemographicsField[]): boolean {
    const issues = new Issues()
    checkUserInfo(issues, { ...demographicsFromForm(values, optional) }, ['body'])
    return issues.ok
  }

  it('has the (simulated) Junction accept every form that passes', () => {
    const patch = fc.record({
      first_name: letters,
      last_name: fc.tuple(letters, letters).map(([a, b]) => `${a}-${b}`),
      email: fc.tuple(letters, letters).map(([a, b]) => ` ${a}@${b}.com `),
      phone_number: fc.integer({ min: 1_000_000, max: 99_999_999_999 }).map((n) => `+1 (${n})`),
      gender: fc.constantFrom('female', 'male', 'other', 'unknown'),
      dob: fc
        .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-06-14T00:00:00Z'), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10)),
      'address.zip': letters,
      'address.country': fc.constantFrom('us', 'GB', 'de'),
      race: fc.constantFrom('', ...RACE_OPTIONS.map((option) => option.value)),
      'medical_proxy.first_name': fc.constantFrom('', 'Charles'),
    })
    fc.assert(
      fc.property(patch, fc.subarray([...ALL]), (typed, optional) => {
        const values = { ...COMPLETE, ...typed }
        if (validateDemographicsForm(values, optional, NOW).length === 0) expect(accepted(values, optional)).toBe(true)
      }),
    )
  })

  it('refuses, before sending, what Junction would refuse', () => {
    const refused: Partial<DemographicsFormValues>[] = [
      { first_name: 'José' },
      { last_name: '' },
      { email: 'ada@example' },
      { dob: '2023-02-30' },
      { 'address.city': '' },
      { race: 'Asian' },
      { 'medical_proxy.first_name': '' },
      { 'medical_proxy.email': 'nope' },
    ]
    for (const patch of refused) {
      const values = { ...COMPLETE, ...patch }
      expect(accepted(values, ALL)).toBe(false)
      expect(validateDemographicsForm(values, ALL, NOW)).not.toEqual([])
    }
  })
})
