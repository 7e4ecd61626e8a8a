using Crm.Core.Common;
using Crm.Core.Delivery;

namespace Crm.Core.Tenants;

/// <summary>Tenants and their sending settings: registration, sender numbers (C5), fallback (D5), prices (W1).</summary>
public sealed class TenantService(ITenantStore tenants, Audiences.IOptOutStore optOuts)
{
    /// <summary>The tenant, or a 400 for a malformed id and a 404 for an unknown one.</summary>
    public async Task<Tenant> GetRequiredAsync(string tenantId, CancellationToken cancellationToken)
    {
        EnsureValidId(tenantId);

        return await tenants.GetAsync(tenantId, cancellationToken) ?? throw new NotFoundException("Tenant", tenantId);
    }

    /// <summary>Creates the tenant or replaces its settings; registered sender numbers are kept.</summary>
    public async Task<Tenant> SaveAsync(string tenantId, TenantSettings? settings, CancellationToken cancellationToken)
    {
        var tenant = await SaveSettingsAsync(tenantId, settings, cancellationToken);
        if (tenant.OptOutNumber is { } line)
        {
            await optOuts.RegisterLineAsync(line, tenant.TenantId, cancellationToken);
        }

        return tenant;
    }

    private async Task<Tenant> SaveSettingsAsync(string tenantId, TenantSettings? settings, CancellationToken cancellationToken)
    {
        EnsureValidId(tenantId);

        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(settings?.Name))
        {
            errors.Add("name", "Required: the business name.");
        }

        foreach (var channel in settings?.FallbackChannels ?? [])
        {
            if (channel is not (Channel.AlimTalk or Channel.FriendTalk or Channel.AppPush))
            {
                errors.Add("fallbackChannels", $"{channel} has no SMS fallback; only alimTalk, friendTalk and appPush do (D5).");
            }
        }

        foreach (var (key, price) in settings?.Prices ?? new Dictionary<string, int>())
        {
            if (!Credits.PriceTable.Default.Credits.ContainsKey(key) || price is < 0 or > Credits.PriceTable.MaxPrice)
            {
                errors.Add($"prices.{key}", $"Prices are whole credits from 0 to {Credits.PriceTable.MaxPrice:N0} for one of: {string.Join(", ", Credits.PriceTable.Default.Credits.Keys)}.");
            }
        }

        try
        {
            _ = settings?.TimeZone is { } zone ? TimeZoneInfo.FindSystemTimeZoneById(zone) : null;
        }
        catch (TimeZoneNotFoundException)
        {
            errors.Add("timeZone", $"'{settings!.TimeZone}' is not an IANA time zone such as Asia/Seoul.");
        }

        string? optOutNumber = null;
        if (settings?.OptOutNumber is { } raw && !PhoneNumber.TryNormalizeOptOutLine(raw, out optOutNumber))
        {
            errors.Add("optOutNumber", "A free 080 number, e.g. 080-123-4567.");
        }

        errors.ThrowIfAny();
        var existing = await tenants.GetAsync(tenantId, cancellationToken);
        var tenant = new Tenant
        {
            TenantId = tenantId,
            Name = settings!.Name!.Trim(),
            TimeZone = settings.TimeZone ?? Tenant.DefaultTimeZone,
            SenderNumbers = existing?.SenderNumbers ?? new HashSet<string>(),
            FallbackChannels = (settings.FallbackChannels ?? []).ToHashSet(),
            AllowLmsConversion = settings.AllowLmsConversion,
            Prices = settings.Prices ?? new Dictionary<string, int>(),
            KakaoChannelId = settings.KakaoChannelId,
            OptOutNumber = optOutNumber,
        };
        await tenants.SaveAsync(tenant, cancellationToken);
        return tenant;
    }

    private static void EnsureValidId(string tenantId) => KeyIds.RequireName("tenantId", tenantId);

    /// <summary>Registers a sender number (C5). Proof of ownership is checked by the carrier-side registration, outside the CRM.</summary>
    public async Task<Tenant> RegisterSenderNumberAsync(string tenantId, string? number, CancellationToken cancellationToken)
    {
        var tenant = await GetRequiredAsync(tenantId, cancellationToken);
        if (!PhoneNumber.TryNormalizeSender(number, out var normalized))
        {
            throw new CrmValidationException("number", "A phone number of 8 to 12 digits, e.g. 02-123-4567 or 1588-1234.");
        }

        var updated = tenant with { SenderNumbers = tenant.SenderNumbers.Append(normalized).ToHashSet(StringComparer.Ordinal) };
        await tenants.SaveAsync(updated, cancellationToken);
        return updated;
    }
}
