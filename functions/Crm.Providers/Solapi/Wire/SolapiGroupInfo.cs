namespace Crm.Providers.Solapi.Wire;

/// <summary>The message group Solapi created for one request; only its id is used (for diagnostics).</summary>
internal sealed class SolapiGroupInfo
{
    public string? GroupId { get; init; }
}
