using Crm.Core.Api;
using Crm.Core.Audiences;
using Crm.Core.Campaigns;
using Crm.Core.Cohorts;
using Crm.Core.Credits;
using Crm.Core.Rewards;
using Crm.Core.Delivery;
using Crm.Core.Tenants;
using Crm.Storage.Api;
using Crm.Storage.Audiences;
using Crm.Storage.Campaigns;
using Crm.Storage.Clients;
using Crm.Storage.Cohorts;
using Crm.Storage.Credits;
using Crm.Storage.Delivery;
using Crm.Storage.Rewards;
using Crm.Storage.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Storage;

/// <summary>Core's store and queue ports on Table and Queue Storage, for both hosts.</summary>
public static class CrmStorageServices
{
    public static IServiceCollection AddCrmStorage(this IServiceCollection services, StorageOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<RequestCounter>();
        services.AddSingleton<StorageClients>();
        services.AddSingleton<ITenantStore, TableTenantStore>();
        services.AddSingleton<ICampaignStore, TableCampaignStore>();
        services.AddSingleton<IBatchStore, TableBatchStore>();
        services.AddSingleton<IOutcomeStore, TableOutcomeStore>();
        services.AddSingleton<IWalletStore, TableWalletStore>();
        services.AddSingleton<IIdempotencyStore, TableIdempotencyStore>();
        services.AddSingleton<ICustomerStore, TableCustomerStore>();
        services.AddSingleton<IGroupStore, TableGroupStore>();
        services.AddSingleton<IOptOutStore, TableOptOutStore>();
        services.AddSingleton<IPointsStore, TablePointsStore>();
        services.AddSingleton<IPointsPolicyStore, TablePointsPolicyStore>();
        services.AddSingleton<IChangeNoticeQueue, TableChangeNoticeQueue>();
        services.AddSingleton<ICohortStore, TableCohortStore>();
        services.AddSingleton<ICohortPeopleStore, TableCohortPeopleStore>();
        services.AddSingleton<StorageMessageQueue>();
        services.AddSingleton<IMessageQueue>(sp => sp.GetRequiredService<StorageMessageQueue>());
        return services;
    }
}
