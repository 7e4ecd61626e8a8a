using Crm.Core.Cohorts;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Providers.External;
using Crm.Providers.Payments;
using Crm.Providers.Sandbox;
using Crm.Providers.Solapi;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Providers;

/// <summary>Chooses the sending provider from the MessagingProvider setting.</summary>
public static class CrmProviderServices
{
    public const string Sandbox = "Sandbox";

    public const string Solapi = "Solapi";

    public static IServiceCollection AddCrmProviders(this IServiceCollection services, Func<string, string?> setting)
    {
        // The sandbox stays registered whichever provider sends: Crm.Local's sandbox and metrics endpoints resolve it.
        services.AddSingleton(SandboxOptions.FromSettings(setting));
        services.AddSingleton<SandboxStore>();
        services.AddSingleton<SandboxReporter>();
        services.AddSingleton<SandboxProvider>();
        services.AddSingleton(DeliveryReportOptions.FromSettings(setting));
        services.AddSingleton(CohortEventOptions.FromSettings(setting));
        var provider = setting(SettingNames.MessagingProvider) ?? Sandbox;
        if (string.Equals(provider, Sandbox, StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IMessageProvider>(sp => sp.GetRequiredService<SandboxProvider>());
        }
        else if (string.Equals(provider, Solapi, StringComparison.OrdinalIgnoreCase))
        {
            // Read now, so missing credentials stop the host at startup naming the setting.
            var options = SolapiOptions.FromSettings(setting);
            services.AddSingleton(sp => SolapiProvider.Create(options, sp.GetService<TimeProvider>() ?? TimeProvider.System));
            services.AddSingleton<IMessageProvider>(sp => sp.GetRequiredService<SolapiProvider>());
        }
        else
        {
            throw new InvalidOperationException($"{SettingNames.MessagingProvider}={provider} is not a known provider; the available ones are {Sandbox} and {Solapi}.");
        }

        var payments = setting(SettingNames.PaymentProvider) ?? Sandbox;
        if (!string.Equals(payments, Sandbox, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{SettingNames.PaymentProvider}={payments} is not a known payment gateway; the available one is {Sandbox}.");
        }

        // B7: linked events' runs go to the external tool when its URL is set, else to a recording sandbox.
        services.AddSingleton<SandboxExternalCampaigns>();
        if (setting(SettingNames.ExternalCampaignsUrl) is { Length: > 0 } externalUrl)
        {
            var url = Uri.TryCreate(externalUrl, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http"
                ? parsed
                : throw new InvalidOperationException($"{SettingNames.ExternalCampaignsUrl}={externalUrl} is not an http(s) URL.");
            var secret = setting(SettingNames.ExternalCampaignsSecret) is { Length: > 0 } s
                ? s
                : throw new InvalidOperationException($"{SettingNames.ExternalCampaignsSecret} is required with {SettingNames.ExternalCampaignsUrl}.");
            services.AddSingleton<IExternalCampaigns>(_ => new HttpExternalCampaigns(new HttpClient { Timeout = TimeSpan.FromSeconds(100) }, url, secret));
        }
        else
        {
            services.AddSingleton<IExternalCampaigns>(sp => sp.GetRequiredService<SandboxExternalCampaigns>());
        }

        services.AddSingleton<SandboxCardPayments>();
        services.AddSingleton<ICardPayments>(sp => sp.GetRequiredService<SandboxCardPayments>());
        return services;
    }
}
