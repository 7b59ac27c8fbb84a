/**
 * src/crypto: the primitives of the security layer (docs/security-crypto.md). Imports only
 * node:crypto and libraries; callers hold keys and decide policy.
 */
export { CryptoError, isCryptoError } from './errors.js';
export type { CryptoErrorCode } from './errors.js';
export { KEY_BYTES, open, openBytes, seal, SEAL_FORMAT_V1, sealedKeyVersion } from './sealing.js';
export type { SealContext } from './sealing.js';
export {
  deriveKeyFromPassword,
  generateDataKey,
  generateMemberKeyPair,
  generateRecoveryKey,
  generateSalt,
  KEK_WRAP_V1,
  MEMBER_WRAP_V1,
  memberPublicKey,
  PASSWORD_KDF_PARAMS,
  recoveryKeyToBytes,
  SALT_BYTES,
  unwrapDataKey,
  unwrapForMember,
  unwrapPrivateKey,
  wipe,
  wrapDataKey,
  wrapForMember,
  wrapPrivateKey,
} from './keys.js';
export type { EscrowContext, KdfParams, MemberKeyPair, MemberWrapContext } from './keys.js';
export {
  checkPasswordPolicy,
  DUMMY_PASSWORD_HASH,
  dummyVerify,
  hashPassword,
  needsRehash,
  PASSWORD_HASH_PARAMS,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  verifyPassword,
} from './passwords.js';
export type { PasswordHashParams, PasswordPolicyResult } from './passwords.js';
export {
  generateRecoveryCodes,
  hashRecoveryCode,
  newTotpSecret,
  PEPPER_MIN_BYTES,
  TOTP_DIGITS,
  TOTP_ISSUER,
  TOTP_PERIOD_SECONDS,
  TOTP_WINDOW,
  totpCode,
  totpStep,
  totpUri,
  verifyRecoveryCode,
  verifyTotp,
} from './totp.js';
export type { RecoveryCodeResult, TotpResult } from './totp.js';
export {
  blindIndex,
  blindIndexSearchTokens,
  blindIndexTokens,
  deriveBlindIndexKey,
  ICAO_9303_CYRILLIC,
  latinForm,
  normaliseNameTokens,
} from './blind-index.js';
export {
  appendEntry,
  canonicalJson,
  chainHash,
  entryHash,
  generateSigningKeyPair,
  genesisHash,
  signCheckpoint,
  verifyChain,
  verifyCheckpoint,
} from './hash-chain.js';
export type {
  ChainEntry,
  ChainFailureReason,
  ChainVerification,
  Checkpoint,
  SignedCheckpoint,
  SigningKeyPair,
  VerifyChainOptions,
} from './hash-chain.js';
