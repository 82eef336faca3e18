// The credentials the emulator knows: what each source (env keys, instance role, container, web identity, API key) hands out.
import type { Identity } from "./auth.ts";

export const ACCOUNT = "111122223333";

export const STATIC_USER: Identity = {
  accessKeyId: "AKIAEMULATOR00000001",
  secretAccessKey: "emulatorSecretKey/0001/DoNotUseAnywhereElse",
  account: ACCOUNT,
  arn: `arn:aws:iam::${ACCOUNT}:user/openclaw-demo`,
  userId: "AIDAEMULATORUSER0001",
};

/** A second account, to prove the discovery cache never mixes identities. */
export const OTHER_ACCOUNT_USER: Identity = {
  accessKeyId: "AKIAEMULATOR00000002",
  secretAccessKey: "emulatorSecretKey/0002/AnotherAccountEntirely",
  account: "444455556666",
  arn: "arn:aws:iam::444455556666:user/other-team",
  userId: "AIDAEMULATORUSER0002",
};

export const EXPIRED_SESSION: Identity = {
  accessKeyId: "ASIAEMULATOREXPIRED1",
  secretAccessKey: "emulatorSecretKey/expired/session",
  sessionToken: "IQoJemulatorExpiredSessionToken000000000000",
  account: ACCOUNT,
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_Admin/operator`,
  userId: "AROAEMULATORSSO:operator",
  expired: true,
};

export const INSTANCE_ROLE: Identity = {
  accessKeyId: "ASIAEMULATORINSTANCE",
  secretAccessKey: "emulatorSecretKey/instance/role/credentials",
  sessionToken: "IQoJemulatorInstanceRoleSessionToken00000000",
  account: ACCOUNT,
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/openclaw-gateway-role/i-0123456789abcdef0`,
  userId: "AROAEMULATORINSTANCE:i-0123456789abcdef0",
};
export const INSTANCE_ROLE_NAME = "openclaw-gateway-role";

export const CONTAINER_ROLE: Identity = {
  accessKeyId: "ASIAEMULATORCONTAINR",
  secretAccessKey: "emulatorSecretKey/container/task/role",
  sessionToken: "IQoJemulatorContainerSessionToken000000000",
  account: ACCOUNT,
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/openclaw-task-role/task-1`,
  userId: "AROAEMULATORCONTAINER:task-1",
};
export const CONTAINER_AUTH_TOKEN = "emulator-container-authorization-token";

export const WEB_IDENTITY_ROLE: Identity = {
  accessKeyId: "ASIAEMULATORWEBIDENT",
  secretAccessKey: "emulatorSecretKey/web/identity/role",
  sessionToken: "IQoJemulatorWebIdentitySessionToken0000000",
  account: ACCOUNT,
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/openclaw-irsa-role/openclaw`,
  userId: "AROAEMULATORWEBID:openclaw",
};

export const ASSUMED_ROLE: Identity = {
  accessKeyId: "ASIAEMULATORASSUMED1",
  secretAccessKey: "emulatorSecretKey/assumed/role/session",
  sessionToken: "IQoJemulatorAssumedRoleSessionToken0000000",
  account: ACCOUNT,
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/bedrock-operator/openclaw`,
  userId: "AROAEMULATORASSUMED:openclaw",
};

/** Bedrock API keys start with ABSK; they are sent as `Authorization: Bearer …`. */
export const BEARER_TOKEN = "ABSKZW11bGF0b3ItYmVkcm9jay1hcGkta2V5LTAwMDE=";
export const EXPIRED_BEARER_TOKEN = "ABSKZW11bGF0b3ItZXhwaXJlZC1rZXktMDAwMg==";
export const BEARER_IDENTITY: Identity = {
  accessKeyId: "(bearer)",
  secretAccessKey: "",
  account: ACCOUNT,
  arn: `arn:aws:iam::${ACCOUNT}:user/BedrockAPIKey-emulator`,
  userId: "AIDAEMULATORAPIKEY01",
};

export function defaultIdentities(): Identity[] {
  return [STATIC_USER, OTHER_ACCOUNT_USER, EXPIRED_SESSION, INSTANCE_ROLE, CONTAINER_ROLE, WEB_IDENTITY_ROLE, ASSUMED_ROLE];
}

/** Every secret the emulator hands out: what a leak scan looks for in outputs, caches and logs. */
export function allSecrets(): string[] {
  const secrets = [BEARER_TOKEN, EXPIRED_BEARER_TOKEN, CONTAINER_AUTH_TOKEN];
  for (const identity of defaultIdentities()) {
    secrets.push(identity.secretAccessKey, identity.accessKeyId);
    if (identity.sessionToken) secrets.push(identity.sessionToken);
  }
  return secrets;
}
