using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;
using Crm.Core.Common;

namespace Crm.Storage.Clients;

/// <summary>
/// Many small records in one entity: gzip'd JSON split over binary properties {prefix}0, {prefix}1, …
/// of at most 64 KB each (Table Storage's property limit). Batches, customer buckets and group
/// member chunks are all stored this way.
/// </summary>
public static class CompressedJson
{
    private const int MaxPropertyBytes = 64_000;

    public static void Write<T>(TableEntity entity, string prefix, T value)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, value, CrmJson.Options);
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        for (int offset = 0, part = 0; offset < bytes.Length; offset += MaxPropertyBytes, part++)
        {
            entity[$"{prefix}{part}"] = bytes.Slice(offset, Math.Min(MaxPropertyBytes, bytes.Length - offset)).ToArray();
        }
    }

    public static T? Read<T>(TableEntity entity, string prefix)
    {
        using var buffer = new MemoryStream();
        for (var part = 0; entity.TryGetValue($"{prefix}{part}", out var value) && value is byte[] bytes; part++)
        {
            buffer.Write(bytes);
        }

        if (buffer.Length == 0)
        {
            return default;
        }

        buffer.Position = 0;
        using var gzip = new GZipStream(buffer, CompressionMode.Decompress);
        return JsonSerializer.Deserialize<T>(gzip, CrmJson.Options);
    }
}
