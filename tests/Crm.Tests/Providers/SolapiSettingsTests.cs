using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Providers;
using Crm.Storage;
using Crm.Providers.Sandbox;
using Crm.Providers.Solapi;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Providers;

/// <summary>MessagingProvider=Solapi at startup: every missing or unusable setting stops the host, naming it.</summary>
public sealed class SolapiSettingsTests
{
    private static Dictionary<string, string?> Complete() => new()
    {
        [SettingNames.MessagingProvider] = "Solapi",
        [SettingNames.SolapiApiKey] = "NCSTESTKEY0000001",
        [SettingNames.SolapiApiSecret] = "secret",
    };

    [Theory]
    [InlineData(SettingNames.SolapiApiKey, null)]
    [InlineData(SettingNames.SolapiApiSecret, null)]
    [InlineData(SettingNames.SolapiApiKey, "  ")]
    [InlineData(SettingNames.SolapiApiSecret, "@Microsoft.KeyVault(SecretUri=https://kv-crm.vault.azure.net/secrets/solapi-api-secret/)")]
    [InlineData(SettingNames.SolapiBaseUrl, "api.solapi.com")]
    public void A_missing_or_unusable_Solapi_setting_stops_startup_naming_it(string name, string? value)
    {
        var settings = Complete();
        settings[name] = value;

        var ex = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddCrmProviders(n => settings.GetValueOrDefault(n)));

        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_base_url_the_production_API_is_used_and_the_sandbox_stays_resolvable()
    {
        var settings = Complete();
        var options = SolapiOptions.FromSettings(n => settings.GetValueOrDefault(n));
        using var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddCrmStorage(new Crm.Storage.Clients.StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }).AddCrmProviders(n => settings.GetValueOrDefault(n)).BuildServiceProvider();

        Assert.Equal(new Uri("https://api.solapi.com"), options.BaseUrl);
        Assert.IsType<SolapiProvider>(services.GetRequiredService<IMessageProvider>());
        Assert.NotNull(services.GetRequiredService<SandboxProvider>());
    }

    [Fact]
    public void The_sandbox_is_still_the_default_and_an_unknown_provider_names_the_known_ones()
    {
        using var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddCrmStorage(new Crm.Storage.Clients.StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }).AddCrmProviders(_ => null).BuildServiceProvider();
        Assert.IsType<SandboxProvider>(services.GetRequiredService<IMessageProvider>());

        var ex = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddCrmProviders(n => n == SettingNames.MessagingProvider ? "Coolsms" : null));
        Assert.Contains("Sandbox and Solapi", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_signature_is_the_hex_HMAC_SHA256_of_date_and_salt_keyed_with_the_secret()
    {
        // Independent vector: HMAC-SHA256(key "secret", "2019-07-01T00:41:48Z" + "jqsba2jxjnrjor"), computed with Python's hmac.
        Assert.Equal(
            "4297539ca79c85dd83b60cbddae60942710223ddcafc4bf02275193a649057ce",
            SolapiAuthorization.Signature("secret", "2019-07-01T00:41:48Z", "jqsba2jxjnrjor"));

        var parameter = SolapiAuthorization.Parameter("KEY", "secret", new DateTimeOffset(2026, 1, 2, 12, 0, 0, TimeSpan.FromHours(9)));
        var fields = parameter.Split(", ").Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(["apiKey", "date", "salt", "signature"], fields.Keys);
        Assert.Equal("2026-01-02T03:00:00Z", fields["date"]);
        Assert.Equal(32, fields["salt"].Length);
        Assert.Equal(SolapiAuthorization.Signature("secret", fields["date"], fields["salt"]), fields["signature"]);
        Assert.NotEqual(fields["salt"], SolapiAuthorization.Parameter("KEY", "secret", DateTimeOffset.UtcNow).Split("salt=")[1].Split(',')[0]);
    }
}
