// @vitest-environment node
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Demographics, REQUIRED_DEMOGRAPHIC_FIELDS } from '../../core/demographics.js'
import {
  AUTOCOMPLETE,
  DEMOGRAPHICS_FORM_PATHS,
  type DemographicsFormPath,
  type DemographicsFormValues,
  demographicsFromForm,
  ETHNICITY_OPTIONS,
  emptyFormValues,
  FIELD_LABELS,
  formPaths,
  formValuesFrom,
  GENDER_IDENTITY_OPTIONS,
  GENDER_OPTIONS,
  hasMedicalProxy,
  normalizePhoneNumber,
  OPTIONAL_DEMOGRAPHIC_FIELDS,
  type OptionalDemographicsField,
  RACE_OPTIONS,
  SEXUAL_ORIENTATION_OPTIONS,
} from '../formValues.js'

const ALL_OPTIONAL = OPTIONAL_DEMOGRAPHIC_FIELDS

const KNOWN: Demographics = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@example.com',
  phone_number: '+14155550123',
  gender: 'female',
  dob: '1990-12-10',
  address: {
    first_line: '1 Main St',
    second_line: 'Apt 2',
    city: 'San Francisco',
    state: 'CA',
    zip: '94105',
    country: 'US',
  },
  race: 'white_caucasian',
  ethnicity: 'non_hispanic',
  sexual_orientation: 'bisexual',
  gender_identity: 'female',
  medical_proxy: {
    first_name: 'Charles',
    last_name: 'Babbage',
    phone_number: '+442079460958',
    email: 'charles@example.com',
    address: {
      first_line: '2 High St',
      second_line: 'Flat 3',
      city: 'London',
      state: 'London',
      zip: 'SW1A 1AA',
      country: 'GB',
    },
  },
}

function valuesWith(patch: Partial<DemographicsFormValues>): DemographicsFormValues {
  return { ...emptyFormValues(), ...patch }
}

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

describe('DEMOGRAPHICS_FORM_PATHS', () => {
  it('lists every input once, patient first, then address, optional fields and the medical proxy', () => {
    expect(DEMOGRAPHICS_FORM_PATHS).toEqual([
      'first_name',
      'last_name',
      'email',
      'phone_number',
      'gender',
      'dob',
      'address.first_line',
      'address.second_line',
      'address.city',
      'address.state',
      'address.zip',
      'address.country',
      'race',
      'ethnicity',
      'sexual_orientation',
      'gender_identity',
      'medical_proxy.first_name',
      'medical_proxy.last_name',
      'medical_proxy.phone_number',
      'medical_proxy.email',
      'medical_proxy.address.first_line',
      'medical_proxy.address.second_line',
      'medical_proxy.address.city',
      'medical_proxy.address.state',
      'medical_proxy.address.zip',
      'medical_proxy.address.country',
    ])
    expect(new Set(DEMOGRAPHICS_FORM_PATHS).size).toBe(DEMOGRAPHICS_FORM_PATHS.length)
  })

  it('includes every field Junction requires', () => {
    for (const path of REQUIRED_DEMOGRAPHIC_FIELDS) expect(DEMOGRAPHICS_FORM_PATHS).toContain(path)
  })

  it('names the optional groups in form order', () => {
    expect(OPTIONAL_DEMOGRAPHIC_FIELDS).toEqual([
      'race',
      'ethnicity',
      'sexual_orientation',
      'gender_identity',
      'medical_proxy',
    ])
  })
})

describe('FIELD_LABELS', () => {
  it('gives every path a distinct, non-empty label', () => {
    const labels = DEMOGRAPHICS_FORM_PATHS.map((path) => FIELD_LABELS[path])
    for (const label of labels) expect(label.trim()).not.toBe('')
    expect(new Set(labels).size).toBe(labels.length)
    expect(Object.keys(FIELD_LABELS).sort()).toEqual([...DEMOGRAPHICS_FORM_PATHS].sort())
  })

  it('uses plain words people recognise', () => {
    expect(FIELD_LABELS.first_name).toBe('First name')
    expect(FIELD_LABELS.dob).toBe('Date of birth')
    expect(FIELD_LABELS['address.first_line']).toBe('Address line 1')
    expect(FIELD_LABELS['address.zip']).toBe('ZIP or postal code')
    expect(FIELD_LABELS['medical_proxy.first_name']).toBe('Medical proxy: first name')
  })

  it('marks every medical proxy label as such, and no other', () => {
    for (const path of DEMOGRAPHICS_FORM_PATHS) {
      expect(FIELD_LABELS[path].startsWith('Medical proxy: ')).toBe(path.startsWith('medical_proxy.'))
    }
  })
})

describe('AUTOCOMPLETE', () => {
  it('uses the HTML autofill tokens for the patient', () => {
    expect(AUTOCOMPLETE).toMatchObject({
      first_name: 'given-name',
      last_name: 'family-name',
      email: 'email',
      phone_number: 'tel',
      gender: 'sex',
      dob: 'bday',
      'address.first_line': 'address-line1',
      'address.second_line': 'address-line2',
      'address.city': 'address-level2',
      'address.state': 'address-level1',
      'address.zip': 'postal-code',
      'address.country': 'country',
    })
  })

  it('turns autofill off for the medical proxy, whose details are not the browser user’s', () => {
    const proxyPaths = DEMOGRAPHICS_FORM_PATHS.filter((path) => path.startsWith('medical_proxy.'))
    expect(proxyPaths).toHaveLength(10)
    for (const path of proxyPaths) expect(AUTOCOMPLETE[path]).toBe('off')
  })

  it('has no token for the optional choices', () => {
    for (const path of ['race', 'ethnicity', 'sexual_orientation', 'gender_identity'] as const) {
      expect(AUTOCOMPLETE[path]).toBeUndefined()
    }
  })
})

describe('options', () => {
  const values = (options: readonly { value: string }[]) => options.map((option) => option.value)

  it('offer exactly Junction’s enum values, in its order', () => {
    expect(values(RACE_OPTIONS)).toEqual([
      'african_american_or_black',
      'asian',
      'indigenous_native_american_alaska_native',
      'other',
      'pacific_islander_or_hawaiian',
      'white_caucasian',
    ])
    expect(values(ETHNICITY_OPTIONS)).toEqual(['hispanic', 'non_hispanic', 'ashkenazi_jewish', 'other'])
    expect(values(SEXUAL_ORIENTATION_OPTIONS)).toEqual([
      'lesbian_gay_or_homosexual',
      'heterosexual_or_straight',
      'bisexual',
      'dont_know',
      'other',
    ])
    expect(values(GENDER_IDENTITY_OPTIONS)).toEqual([
      'male',
      'female',
      'female_to_male_ftm_transgender_male_trans_man',
      'male_to_female_mtf_transgender_female_trans_woman',
      'genderqueer',
      'other',
    ])
  })

  it('offer the SDKs’ genders, with “unknown” worded as a choice people make', () => {
    expect(GENDER_OPTIONS).toEqual([
      { value: 'female', label: 'Female' },
      { value: 'male', label: 'Male' },
      { value: 'other', label: 'Other' },
      { value: 'unknown', label: 'Prefer not to say' },
    ])
  })

  it('label every option distinctly, without showing the wire value', () => {
    for (const options of [RACE_OPTIONS, ETHNICITY_OPTIONS, SEXUAL_ORIENTATION_OPTIONS, GENDER_IDENTITY_OPTIONS]) {
      const labels = options.map((option) => option.label)
      expect(new Set(labels).size).toBe(labels.length)
      for (const label of labels) {
        expect(label.trim()).not.toBe('')
        expect(label).not.toContain('_')
      }
    }
  })
})

describe('emptyFormValues', () => {
  it('holds an empty string for every path', () => {
    const values = emptyFormValues()
    expect(Object.keys(values)).toEqual([...DEMOGRAPHICS_FORM_PATHS])
    for (const path of DEMOGRAPHICS_FORM_PATHS) expect(values[path]).toBe('')
  })

  it('returns a fresh object each time', () => {
    const first = emptyFormValues()
    first.first_name = 'Ada'
    expect(emptyFormValues().first_name).toBe('')
  })
})

describe('formValuesFrom', () => {
  it('prefills every path from known demographics, nested ones included', () => {
    expect(formValuesFrom(KNOWN)).toEqual({
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.com',
      phone_number: '+14155550123',
      gender: 'female',
      dob: '1990-12-10',
      'address.first_line': '1 Main St',
      'address.second_line': 'Apt 2',
      'address.city': 'San Francisco',
      'address.state': 'CA',
      'address.zip': '94105',
      'address.country': 'US',
      race: 'white_caucasian',
      ethnicity: 'non_hispanic',
      sexual_orientation: 'bisexual',
      gender_identity: 'female',
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
    })
  })

  it.each([null, undefined, 'Ada', 42, [], true])('gives an empty form for %j', (known) => {
    expect(formValuesFrom(known)).toEqual(emptyFormValues())
  })

  it('turns nulls, numbers and objects into empty strings, and ignores unknown fields', () => {
    const values = formValuesFrom({
      first_name: null,
      last_name: 7,
      email: { value: 'a@b.co' },
      dob: '2000-01-01',
      address: null,
      medical_proxy: { first_name: 'Charles', address: 'somewhere', household_size: 3 },
      client_user_id: 'x',
    })
    expect(values).toEqual({ ...emptyFormValues(), dob: '2000-01-01', 'medical_proxy.first_name': 'Charles' })
    expect(Object.keys(values)).toEqual([...DEMOGRAPHICS_FORM_PATHS])
  })

  it('keeps what it copies as it is (trimming happens on save)', () => {
    expect(formValuesFrom({ first_name: '  Ada ', phone_number: '+1 (415) 555-0123' })).toMatchObject({
      first_name: '  Ada ',
      phone_number: '+1 (415) 555-0123',
    })
  })
})

describe('formPaths', () => {
  const BASE: DemographicsFormPath[] = [
    'first_name',
    'last_name',
    'email',
    'phone_number',
    'gender',
    'dob',
    'address.first_line',
    'address.second_line',
    'address.city',
    'address.state',
    'address.zip',
    'address.country',
  ]

  it('shows the required fields and the second address line when nothing optional is asked', () => {
    expect(formPaths([])).toEqual(BASE)
  })

  it('adds each optional field asked for', () => {
    expect(formPaths(['ethnicity'])).toEqual([...BASE, 'ethnicity'])
    expect(formPaths(['gender_identity', 'race'])).toEqual([...BASE, 'race', 'gender_identity'])
  })

  it('adds the whole medical proxy group', () => {
    expect(formPaths(['medical_proxy'])).toEqual([
      ...BASE,
      'medical_proxy.first_name',
      'medical_proxy.last_name',
      'medical_proxy.phone_number',
      'medical_proxy.email',
      'medical_proxy.address.first_line',
      'medical_proxy.address.second_line',
      'medical_proxy.address.city',
      'medical_proxy.address.state',
      'medical_proxy.address.zip',
      'medical_proxy.address.country',
    ])
  })

  it('shows every path, in form order, whatever order or repeats the optional groups come in', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALL_OPTIONAL)), (asked) => {
        const paths = formPaths(asked)
        expect(paths).toEqual(DEMOGRAPHICS_FORM_PATHS.filter((path) => paths.includes(path)))
        expect(new Set(paths).size).toBe(paths.length)
        const everything = ALL_OPTIONAL.every((group) => asked.includes(group))
        expect(paths.length === DEMOGRAPHICS_FORM_PATHS.length).toBe(everything)
      }),
    )
    expect(formPaths([...ALL_OPTIONAL].reverse())).toEqual([...DEMOGRAPHICS_FORM_PATHS])
  })
})

describe('normalizePhoneNumber', () => {
  it.each([
    ['+1 (415) 555-0123', '+14155550123'],
    ['+1.415.555.0123', '+14155550123'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+14155550123', '+14155550123'],
    ['+1 415/555', '+1415/555'],
  ])('turns %j into %j', (typed, sent) => {
    expect(normalizePhoneNumber(typed)).toBe(sent)
  })
})

describe('hasMedicalProxy', () => {
  it('is true only when the proxy is asked for and one of its fields holds more than spaces', () => {
    const filled = valuesWith({ 'medical_proxy.address.zip': '94105' })
    expect(hasMedicalProxy(filled, ['medical_proxy'])).toBe(true)
    expect(hasMedicalProxy(filled, ['race'])).toBe(false)
    expect(hasMedicalProxy(valuesWith({ 'medical_proxy.first_name': '   ' }), ['medical_proxy'])).toBe(false)
    expect(hasMedicalProxy(valuesWith(PATIENT), ['medical_proxy'])).toBe(false)
  })

  it('judges a field by what would be sent, so punctuation alone in the phone number is not a proxy', () => {
    expect(hasMedicalProxy(valuesWith({ 'medical_proxy.phone_number': ' (-) ' }), ['medical_proxy'])).toBe(false)
    expect(hasMedicalProxy(valuesWith({ 'medical_proxy.phone_number': '(+)' }), ['medical_proxy'])).toBe(true)
  })
})

describe('demographicsFromForm', () => {
  it('sends the required fields, trimmed', () => {
    const padded = Object.fromEntries(Object.entries(PATIENT).map(([path, value]) => [path, `  ${value}\t`]))
    expect(demographicsFromForm(valuesWith(padded), [])).toEqual({
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.com',
      phone_number: '+14155550123',
      gender: 'female',
      dob: '1990-12-10',
      address: { first_line: '1 Main St', city: 'San Francisco', state: 'CA', zip: '94105', country: 'US' },
    })
  })

  it('sends the phone number without spaces, dashes, dots or parentheses', () => {
    expect(demographicsFromForm(valuesWith({ ...PATIENT, phone_number: ' +1 (415) 555.0123 ' }), []).phone_number).toBe(
      '+14155550123',
    )
  })

  it('upper-cases the country code', () => {
    expect(demographicsFromForm(valuesWith({ ...PATIENT, 'address.country': ' gb ' }), []).address.country).toBe('GB')
  })

  it('sends the second address line only when it is filled', () => {
    const blank = demographicsFromForm(valuesWith({ ...PATIENT, 'address.second_line': '   ' }), [])
    expect(blank.address).not.toHaveProperty('second_line')
    const filled = demographicsFromForm(valuesWith({ ...PATIENT, 'address.second_line': ' Apt 2 ' }), [])
    expect(filled.address.second_line).toBe('Apt 2')
  })

  it('sends required fields even when empty, so the server reports them too', () => {
    expect(demographicsFromForm(emptyFormValues(), [])).toEqual({
      first_name: '',
      last_name: '',
      email: '',
      phone_number: '',
      gender: '',
      dob: '',
      address: { first_line: '', city: '', state: '', zip: '', country: '' },
    })
  })

  it('sends an optional field only when it is asked for and filled', () => {
    const values = valuesWith({
      ...PATIENT,
      race: 'asian',
      ethnicity: ' hispanic ',
      sexual_orientation: '  ',
      gender_identity: 'male',
    })
    const body = demographicsFromForm(values, ['race', 'ethnicity', 'sexual_orientation'])
    expect(body.race).toBe('asian')
    expect(body.ethnicity).toBe('hispanic')
    expect(body).not.toHaveProperty('sexual_orientation')
    expect(body).not.toHaveProperty('gender_identity')
    const none = demographicsFromForm(values, [])
    for (const key of ['race', 'ethnicity', 'sexual_orientation', 'gender_identity'])
      expect(none).not.toHaveProperty(key)
  })

  it('leaves the medical proxy out unless it is asked for', () => {
    expect(demographicsFromForm(formValuesFrom(KNOWN), ['race'])).not.toHaveProperty('medical_proxy')
  })

  it('leaves the medical proxy out when it is asked for but left blank', () => {
    const values = valuesWith({ ...PATIENT, 'medical_proxy.first_name': ' ', 'medical_proxy.address.country': '\t' })
    expect(demographicsFromForm(values, ['medical_proxy'])).not.toHaveProperty('medical_proxy')
  })

  it('sends the medical proxy when it is asked for and filled, normalised like the patient', () => {
    const values = formValuesFrom(KNOWN)
    values['medical_proxy.phone_number'] = '+44 (20) 7946-0958'
    values['medical_proxy.address.country'] = 'gb'
    values['medical_proxy.first_name'] = ' Charles '
    expect(demographicsFromForm(values, ['medical_proxy']).medical_proxy).toEqual({
      first_name: 'Charles',
      last_name: 'Babbage',
      phone_number: '+442079460958',
      email: 'charles@example.com',
      address: {
        first_line: '2 High St',
        second_line: 'Flat 3',
        city: 'London',
        state: 'London',
        zip: 'SW1A 1AA',
        country: 'GB',
      },
    })
  })

  it('sends a partly filled medical proxy whole, leaving its blank optional fields out', () => {
    const values = valuesWith({ ...PATIENT, 'medical_proxy.last_name': 'Babbage' })
    expect(demographicsFromForm(values, ['medical_proxy']).medical_proxy).toEqual({
      first_name: '',
      last_name: 'Babbage',
      phone_number: '',
      address: { first_line: '', city: '', state: '', zip: '', country: '' },
    })
  })

  it('round-trips known demographics when everything is asked for', () => {
    expect(demographicsFromForm(formValuesFrom(KNOWN), ALL_OPTIONAL)).toEqual(KNOWN)
  })

  const formValues = fc.record(
    Object.fromEntries(DEMOGRAPHICS_FORM_PATHS.map((path) => [path, fc.string({ maxLength: 12 })])) as Record<
      DemographicsFormPath,
      fc.Arbitrary<string>
    >,
  )
  const asked = fc.subarray([...ALL_OPTIONAL]) as fc.Arbitrary<OptionalDemographicsField[]>

  function strings(value: unknown): string[] {
    if (typeof value === 'string') return [value]
    if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings)
    return []
  }

  it('only ever sends trimmed strings, and no empty optional value', () => {
    fc.assert(
      fc.property(formValues, asked, (values, optional) => {
        const body = demographicsFromForm(values, optional)
        for (const text of strings(body)) expect(text).toBe(text.trim())
        const optionalValues = [
          body.race,
          body.ethnicity,
          body.sexual_orientation,
          body.gender_identity,
          body.address.second_line,
          body.medical_proxy?.email,
          body.medical_proxy?.address.second_line,
        ]
        for (const value of optionalValues) expect(value).not.toBe('')
        if (body.medical_proxy) expect(strings(body.medical_proxy).some((text) => text !== '')).toBe(true)
        for (const key of ['race', 'ethnicity', 'sexual_orientation', 'gender_identity', 'medical_proxy'] as const) {
          if (!optional.includes(key)) expect(body).not.toHaveProperty(key)
        }
      }),
    )
  })

  it('is stable: prefilling the form with what it sends sends the same again', () => {
    fc.assert(
      fc.property(formValues, asked, (values, optional) => {
        const body = demographicsFromForm(values, optional)
        expect(demographicsFromForm(formValuesFrom(body), optional)).toEqual(body)
      }),
    )
  })
})

describe('formValuesFrom: gender on file', () => {
  it('matches a choice whatever its case, and keeps any other text as it is', () => {
    expect(formValuesFrom({ gender: 'Female' }).gender).toBe('female')
    expect(formValuesFrom({ gender: ' MALE ' }).gender).toBe('male')
    expect(formValuesFrom({ gender: 'non-binary' }).gender).toBe('non-binary')
  })
})
