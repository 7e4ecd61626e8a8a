namespace Crm.Providers.Solapi.Wire;

/// <summary>A message group as Solapi answers it: its id and status (PENDING until sent; SENDING, COMPLETE, FAILED, SCHEDULED, DELETED).</summary>
internal sealed class SolapiGroup
{
    public string? GroupId { get; init; }

    public string? Status { get; init; }
}
