/** The id of the one scenario a --target run measures: the user's service instead of the mock server. */
export const TARGET_SCENARIO_ID = 'target';
