using Azure.Data.Tables;
using Crm.Core.Campaigns;

namespace Crm.Storage.Clients;

/// <summary>
/// A list of up to 1,000 recipients in one entity (properties R0, R1, …, see <see cref="CompressedJson"/>).
/// Phone lists compress about fivefold, so a batch is one entity of a few kilobytes, read in one request.
/// </summary>
internal static class RecipientCodec
{
    private const string CountProperty = "Count";

    public static void Write(TableEntity entity, IReadOnlyList<Recipient> recipients)
    {
        CompressedJson.Write(entity, "R", recipients);
        entity[CountProperty] = recipients.Count;
    }

    public static IReadOnlyList<Recipient> Read(TableEntity entity) => CompressedJson.Read<List<Recipient>>(entity, "R") ?? [];
}
