using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Crm.Core.Campaigns;

/// <summary>
/// Campaign ids: version 7 GUIDs, so ids sort by time. A recurring series' run gets an id derived
/// from the series and the run number, so creating the same run twice (a retried dispatch) collides;
/// a submission with an Idempotency-Key gets one derived from the key and its first claim, so every
/// run of that request, also one that takes over from a run that died, registers the same campaign.
/// </summary>
public static class CampaignIds
{
    public static string New(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");

    public static string ForRun(string seriesId, int run, DateTimeOffset runAt) => Derived($"{seriesId}:{run}", runAt);

    public static string ForRequest(string tenantId, string idempotencyKey, DateTimeOffset claimedAt) => Derived($"request:{tenantId}:{idempotencyKey}", claimedAt);

    private static string Derived(string seed, DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        SHA256.HashData(Encoding.UTF8.GetBytes(seed))[..16].CopyTo(bytes);

        // The version 7 layout: 48-bit Unix milliseconds, then version 7 and the RFC 4122 variant.
        Span<byte> millis = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(millis, at.ToUnixTimeMilliseconds());
        millis[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true).ToString("N");
    }
}
