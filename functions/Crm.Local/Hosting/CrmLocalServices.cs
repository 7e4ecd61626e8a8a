using Crm.Local.Functions;
using Crm.Local.Workflows;

namespace Crm.Local.Hosting;

/// <summary>What Crm.Local adds to the shared registrations: the workflow runner and the catalog bindings.</summary>
public static class CrmLocalServices
{
    public static IServiceCollection AddCrmLocal(this IServiceCollection services)
    {
        services.AddSingleton<WorkflowRegistry>();
        services.AddSingleton<WorkflowHistoryStore>();
        services.AddSingleton<WorkflowRunner>();
        services.AddSingleton<LocalBindings>();
        return services;
    }
}
