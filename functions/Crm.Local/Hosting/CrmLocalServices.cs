using Crm.Core.Delivery;
using Crm.Local.Durable;
using Crm.Local.Functions;

namespace Crm.Local.Hosting;

/// <summary>What Crm.Local adds to the shared registrations: the Durable engine and the catalog bindings.</summary>
public static class CrmLocalServices
{
    /// <param name="durable">host.json's durableTask section.</param>
    /// <param name="hubConnectionString">The storage account of the task hub (the AzureWebJobsStorage setting).</param>
    public static IServiceCollection AddCrmLocal(this IServiceCollection services, DurableHostOptions durable, string hubConnectionString)
    {
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DurableEngine>(sp, durable, hubConnectionString));
        services.AddSingleton<IBatchWorkflows>(sp => sp.GetRequiredService<DurableEngine>().Workflows);
        services.AddSingleton<LocalBindings>();
        return services;
    }
}
