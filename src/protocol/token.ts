/**
 * The header with which the widget asks the partner's token endpoint for a new token because Peliqan
 * refused the one it was given (revoked before its `exp`): the endpoint, which reuses tokens, replaces
 * the kept one instead of handing it out again.
 */
export const TOKEN_REFUSED_HEADER = 'X-Peliqan-Token-Refused';
