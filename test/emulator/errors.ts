// AWS error answers: the status, the error type AWS names, and its message, for each wire protocol.

export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** REST JSON (Bedrock): `x-amzn-ErrorType` header plus a JSON body with the message. */
export function restJsonError(error: AwsError): { status: number; headers: Record<string, string>; body: string } {
  return {
    status: error.status,
    headers: { "content-type": "application/json", "x-amzn-errortype": `${error.type}:http://internal.amazon.com/coral/com.amazon.bedrock/` },
    body: JSON.stringify({ message: error.message }),
  };
}

/** awsQuery (STS): an XML ErrorResponse. STS names some errors differently from Bedrock. */
export function queryXmlError(error: AwsError): { status: number; headers: Record<string, string>; body: string } {
  const code =
    error.type === "UnrecognizedClientException" ? "InvalidClientTokenId" : error.type === "InvalidSignatureException" ? "SignatureDoesNotMatch" : error.type.replace(/Exception$/, "");
  return {
    status: error.status,
    headers: { "content-type": "text/xml" },
    body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>00000000-0000-4000-8000-000000000000</RequestId></ErrorResponse>`,
  };
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The IAM action each operation needs, as AccessDenied messages name it. */
export const IAM_ACTION: Record<string, string> = {
  ListFoundationModels: "bedrock:ListFoundationModels",
  GetFoundationModel: "bedrock:GetFoundationModel",
  ListInferenceProfiles: "bedrock:ListInferenceProfiles",
  GetInferenceProfile: "bedrock:GetInferenceProfile",
  GetFoundationModelAvailability: "bedrock:GetFoundationModelAvailability",
  Converse: "bedrock:InvokeModel",
  ConverseStream: "bedrock:InvokeModelWithResponseStream",
  InvokeModel: "bedrock:InvokeModel",
  GetCallerIdentity: "sts:GetCallerIdentity",
};

export function accessDenied(operation: string, principalArn: string, resource?: string): AwsError {
  const action = IAM_ACTION[operation] ?? `bedrock:${operation}`;
  const on = resource ? ` on resource: ${resource}` : "";
  return new AwsError(403, "AccessDeniedException", `User: ${principalArn} is not authorized to perform: ${action}${on} because no identity-based policy allows the ${action} action`);
}
