using Crm.Core.Api;
using Crm.Core.Audiences;
using Crm.Core.Campaigns;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Core.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Core;

/// <summary>Core's use cases, registered the same way by both hosts; the ports come from Crm.Storage and Crm.Providers.</summary>
public static class CrmCoreServices
{
    public static IServiceCollection AddCrmCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiPipeline>();
        services.AddSingleton<IdempotentRequests>();
        services.AddSingleton<TenantService>();
        services.AddSingleton<CustomerService>();
        services.AddSingleton<LiveCustomers>();
        services.AddSingleton<GroupExtractor>();
        services.AddSingleton<CampaignAudience>();
        services.AddSingleton<NightlyReextraction>();
        services.AddSingleton<GroupService>();
        services.AddSingleton<GroupApi>();
        services.AddSingleton<OptOutService>();
        services.AddSingleton<Rewards.PointsService>();
        services.AddSingleton<PointsApi>();
        services.AddSingleton<Rewards.PointsPolicyService>();
        services.AddSingleton<PointsPolicyApi>();
        services.AddSingleton<Rewards.PointsTenantQueue>();
        services.AddSingleton<Rewards.PointsExpiryRunner>();
        services.AddSingleton<Rewards.PointsExpiryNotifier>();
        services.AddSingleton<Rewards.PointsChangeNotifier>();
        services.AddSingleton<OptOutApi>();
        services.AddSingleton<CustomerApi>();
        services.AddSingleton<TenantApi>();
        services.AddSingleton<WalletService>();
        services.AddSingleton<WalletApi>();
        services.AddSingleton<CampaignService>();
        services.AddSingleton<CampaignApi>();
        services.AddSingleton<CampaignDispatcher>();
        services.AddSingleton<DueCampaignSweep>();
        services.AddSingleton<DeliveryActivities>();
        services.AddSingleton<BatchReconciler>();
        services.AddSingleton<ReportSignalDebouncer>();
        services.AddSingleton<DeliveryReportApi>();
        services.AddSingleton<DeliveryReportProcessor>();
        services.AddSingleton<Cohorts.CohortService>();
        services.AddSingleton<CohortApi>();
        services.AddSingleton<Cohorts.CohortEventService>();
        services.AddSingleton<CohortEventApi>();
        services.AddSingleton<Cohorts.CohortEventSweep>();
        return services;
    }
}
