/** Demographics that pass Junction's checks. */
export const COMPLETE_DEMOGRAPHICS = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@example.com',
  phone_number: '+14155550123',
  gender: 'female',
  dob: '1985-12-10',
  address: { first_line: '1 Main St', city: 'San Francisco', state: 'CA', zip: '94105', country: 'US' },
}
