using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Crm.Core.Campaigns;

/// <summary>
/// Campaign ids: version 7 GUIDs, so ids sort by time. A recurring series' run gets an id derived
/// from the series and the run number, so creating the same run twice (a retried dispatch) collides.
/// </summary>
public static class CampaignIds
{
    public static string New(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");

    public static string ForRun(string seriesId, int run, DateTimeOffset runAt)
    {
        Span<byte> bytes = stackalloc byte[16];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{seriesId}:{run}"))[..16].CopyTo(bytes);

        // The version 7 layout: 48-bit Unix milliseconds, then version 7 and the RFC 4122 variant.
        Span<byte> millis = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(millis, runAt.ToUnixTimeMilliseconds());
        millis[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true).ToString("N");
    }
}
