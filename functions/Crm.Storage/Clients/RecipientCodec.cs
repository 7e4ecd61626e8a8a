using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;
using Crm.Core.Campaigns;
using Crm.Core.Common;

namespace Crm.Storage.Clients;

/// <summary>
/// A list of up to 1,000 recipients in one entity: JSON, gzip-compressed, split over binary
/// properties R0, R1, … of at most 64 KiB each (the per-property limit). Phone lists compress
/// about fivefold, so a batch is one entity of a few kilobytes, read in one request.
/// </summary>
internal static class RecipientCodec
{
    private const int MaxPropertyBytes = 64_000;
    private const string CountProperty = "Count";

    public static void Write(TableEntity entity, IReadOnlyList<Recipient> recipients)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, recipients, CrmJson.Options);
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var part = 0;
        for (var offset = 0; offset < bytes.Length; offset += MaxPropertyBytes, part++)
        {
            entity[$"R{part}"] = bytes.Slice(offset, Math.Min(MaxPropertyBytes, bytes.Length - offset)).ToArray();
        }

        entity[CountProperty] = recipients.Count;
    }

    public static IReadOnlyList<Recipient> Read(TableEntity entity)
    {
        using var buffer = new MemoryStream();
        for (var part = 0; entity.TryGetValue($"R{part}", out var value) && value is byte[] bytes; part++)
        {
            buffer.Write(bytes);
        }

        buffer.Position = 0;
        using var gzip = new GZipStream(buffer, CompressionMode.Decompress);
        return JsonSerializer.Deserialize<List<Recipient>>(gzip, CrmJson.Options) ?? [];
    }
}
