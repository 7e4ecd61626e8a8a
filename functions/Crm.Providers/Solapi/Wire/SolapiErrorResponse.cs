namespace Crm.Providers.Solapi.Wire;

/// <summary>Solapi's body for a refused request, e.g. { "errorCode": "SignatureDoesNotMatch", "errorMessage": "..." }.</summary>
internal sealed class SolapiErrorResponse
{
    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }
}
