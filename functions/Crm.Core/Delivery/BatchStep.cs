namespace Crm.Core.Delivery;

/// <summary>One step of one batch: its send on the campaign's channel, or its SMS/LMS fallback (D5).</summary>
public sealed record BatchStep(BatchRef Batch, SendStep Step)
{
    /// <summary>Keeps a provider's group with its batch: "{tenant}/{campaign}/{batch}/{step}", at most 84 characters.</summary>
    public string Label => $"{Batch.TenantId}/{Batch.CampaignId}/{Batch.BatchNumber:D5}/{Step.ToString().ToLowerInvariant()}";

    /// <summary>A message's reference at the provider, echoed in its reports: the label and the recipient's index.</summary>
    public string Reference(int index) => $"{Label}/{index:D4}";

    /// <summary>Reads a reference back (null when it is not one of ours), so a report names its batch, step and recipient.</summary>
    public static (BatchStep Step, int Index)? FromReference(string? reference)
    {
        var parts = reference?.Split('/');
        if (parts is not { Length: 5 }
            || !Common.KeyIds.IsName(parts[0])
            || parts[1].Length is 0 or > 64 || !parts[1].All(char.IsAsciiLetterOrDigit)
            || !int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var batch) || batch < 1
            || !Enum.TryParse<SendStep>(parts[3], ignoreCase: true, out var step) || int.TryParse(parts[3], out _)
            || !int.TryParse(parts[4], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) || index >= Delivery.Batch.Size)
        {
            return null;
        }

        return (new BatchStep(new BatchRef(parts[0], parts[1], batch), step), index);
    }
}
