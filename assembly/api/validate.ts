// Placeholder until the validator lands.
export const VALIDATOR_PLACEHOLDER: i32 = 0;
