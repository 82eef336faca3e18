// What an AWS region code looks like: partition prefix, optional isolated/gov part, direction, number.

/** us-east-1, eu-central-2, us-gov-west-1, ap-southeast-4, eusc-de-east-1. */
export const REGION_PATTERN = /^[a-z]{2,4}(-(gov|iso|isob|isoe|isof))?-[a-z]+-\d{1,2}$/;
