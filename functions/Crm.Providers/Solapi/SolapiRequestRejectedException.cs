using Crm.Core.Delivery;

namespace Crm.Providers.Solapi;

/// <summary>
/// Solapi refused a whole request with a 4xx other than 408/429: bad or revoked credentials
/// (InvalidAPIKey, SignatureDoesNotMatch), a clock more than 15 minutes off (RequestTimeTooSkewed), a
/// blocked account or a payload it calls invalid. The same request would be refused again, so the
/// workflow does not retry it: the batch is recorded as failed and refunded at once, with this
/// message (Solapi's code included) as the reason.
/// </summary>
public sealed class SolapiRequestRejectedException(int httpStatus, string? errorCode, string? errorMessage)
    : PermanentDeliveryException($"Solapi refused the request (HTTP {httpStatus}{(errorCode is null ? "" : " " + errorCode)}): {errorMessage ?? "no error message"}. "
                + "Retrying will not help: check Solapi__ApiKey/Solapi__ApiSecret, the server clock, the Solapi account and the request.")
{
    public int HttpStatus { get; } = httpStatus;

    /// <summary>Solapi's errorCode, e.g. SignatureDoesNotMatch, InvalidAPIKey, RequestTimeTooSkewed, ValidationError.</summary>
    public string? ErrorCode { get; } = errorCode;

    public string? ErrorMessage { get; } = errorMessage;
}
