using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Providers.Payments;
using Crm.Providers.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Providers;

/// <summary>Chooses the sending provider from the MessagingProvider setting.</summary>
public static class CrmProviderServices
{
    public const string Sandbox = "Sandbox";

    public static IServiceCollection AddCrmProviders(this IServiceCollection services, Func<string, string?> setting)
    {
        var provider = setting(SettingNames.MessagingProvider) ?? Sandbox;
        if (!string.Equals(provider, Sandbox, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{SettingNames.MessagingProvider}={provider} is not a known provider; the available one is {Sandbox}.");
        }

        services.AddSingleton<SandboxProvider>();
        services.AddSingleton<IMessageProvider>(sp => sp.GetRequiredService<SandboxProvider>());

        var payments = setting(SettingNames.PaymentProvider) ?? Sandbox;
        if (!string.Equals(payments, Sandbox, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{SettingNames.PaymentProvider}={payments} is not a known payment gateway; the available one is {Sandbox}.");
        }

        services.AddSingleton<SandboxCardPayments>();
        services.AddSingleton<ICardPayments>(sp => sp.GetRequiredService<SandboxCardPayments>());
        return services;
    }
}
