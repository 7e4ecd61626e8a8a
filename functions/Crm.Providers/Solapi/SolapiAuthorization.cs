using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Crm.Providers.Solapi;

/// <summary>
/// Solapi's API-key authentication: <c>Authorization: HMAC-SHA256 apiKey=K, date=D, salt=S, signature=G</c>
/// where G is the lowercase hex HMAC-SHA256 of D + S keyed with the API secret. D is an ISO 8601 time
/// (Solapi refuses one more than 15 minutes from its clock), S a random 12–64 byte string, and a
/// signature may be used once only, so every request, retries included, gets a new salt.
/// </summary>
public static class SolapiAuthorization
{
    public const string Scheme = "HMAC-SHA256";

    private const string SaltAlphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>The header's parameter (everything after the scheme) for a request made at <paramref name="now"/>.</summary>
    public static string Parameter(string apiKey, string apiSecret, DateTimeOffset now)
    {
        var date = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var salt = RandomNumberGenerator.GetString(SaltAlphabet, 32);
        return $"apiKey={apiKey}, date={date}, salt={salt}, signature={Signature(apiSecret, date, salt)}";
    }

    public static string Signature(string apiSecret, string date, string salt) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiSecret), Encoding.UTF8.GetBytes(date + salt)));
}
