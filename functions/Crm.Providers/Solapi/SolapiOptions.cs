using Crm.Core.Functions;

namespace Crm.Providers.Solapi;

/// <summary>How the CRM reaches Solapi: credentials, the API's base URL, request size and timeout.</summary>
public sealed record SolapiOptions
{
    /// <summary>Solapi's production API (the base URL its official SDKs use).</summary>
    public const string DefaultBaseUrl = "https://api.solapi.com";

    /// <summary>Solapi's own ceiling for one send-many request, per its SDKs ("up to 10,000 per request").</summary>
    public const int SolapiRequestLimit = 10_000;

    public required string ApiKey { get; init; }

    public required string ApiSecret { get; init; }

    public Uri BaseUrl { get; init; } = new(DefaultBaseUrl);

    /// <summary>
    /// Messages per HTTP request. A D1 batch is 1,000, so one batch is one request; larger sends
    /// (or a smaller setting) are split and their results merged in order.
    /// </summary>
    public int MaxMessagesPerRequest { get; init; } = 1_000;

    /// <summary>
    /// Per HTTP request. Generous on purpose: a timeout is retried by the workflow, and Solapi has no
    /// idempotency key, so a request that was accepted but answered late could be sent twice.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Reads Solapi__ApiKey, Solapi__ApiSecret and Solapi__BaseUrl through the hosts' setting lookup.
    /// Fails at startup, naming the setting, when a credential is missing or is a Key Vault
    /// reference the platform could not resolve (it then hands the app the reference text itself).
    /// </summary>
    public static SolapiOptions FromSettings(Func<string, string?> setting)
    {
        var baseUrl = setting(SettingNames.SolapiBaseUrl);
        return new SolapiOptions
        {
            ApiKey = Required(setting, SettingNames.SolapiApiKey),
            ApiSecret = Required(setting, SettingNames.SolapiApiSecret),
            BaseUrl = string.IsNullOrWhiteSpace(baseUrl) ? new Uri(DefaultBaseUrl) : ParseBaseUrl(baseUrl),
        };
    }

    private static string Required(Func<string, string?> setting, string name)
    {
        var value = setting(name)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidOperationException(
                $"{SettingNames.MessagingProvider}=Solapi needs the setting {name}; it is missing or empty. In Azure it is a Key Vault reference (infra/main.bicep); locally set it in local.settings.json or the environment.");
        }

        if (value.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"The setting {name} is an unresolved Key Vault reference ({value}): create the secret in the vault and check that the app's identity may read it (Key Vault Secrets User).");
        }

        return value;
    }

    private static Uri ParseBaseUrl(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException($"The setting {SettingNames.SolapiBaseUrl}={value} is not an absolute http(s) URL.");
}
