using Crm.Core.Common;

namespace Crm.Core.Api;

/// <summary>An HTTP request as both hosts hand it to Core: route values, query, headers and the raw body.</summary>
public sealed record ApiRequest(
    IReadOnlyDictionary<string, string> RouteValues,
    Stream Body,
    IReadOnlyDictionary<string, string>? Query = null,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>A route value; one that names a stored thing is checked first (a 400 naming it), so no bad id reaches a storage key.</summary>
    public string Route(string name)
    {
        var value = RouteValues.TryGetValue(name, out var v) ? v : throw new InvalidOperationException($"Route value {name} is missing.");
        switch (name)
        {
            case "tenantId" or "groupId":
                KeyIds.RequireName(name, value);
                break;
            case "campaignId":
                KeyIds.RequireReference(name, value);
                break;
            case "phone":
                PhoneNumber.RequireMobile(value, name);
                break;
            case "courseId" or "cohortId" or "eventId" when !Cohorts.CohortIds.IsValid(value):
                throw new CrmValidationException(name, "1–40 letters A–Z and a–z, digits and dashes.");
            case "lineNumber" when !PhoneNumber.TryNormalizeOptOutLine(value, out _):
                throw new CrmValidationException(name, "A free 080 number, e.g. 080-123-4567.");
        }

        return value;
    }

    public string? QueryValue(string name) => Query is not null && Query.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public string? Header(string name) =>
        Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } value ? value : null;

    /// <summary>A page size from the query: 1 to <paramref name="max"/>, <paramref name="fallback"/> when absent.</summary>
    public int PageSize(int fallback = 100, int max = 1000)
    {
        var raw = QueryValue("pageSize");
        if (raw is null)
        {
            return fallback;
        }

        return int.TryParse(raw, out var size) && size >= 1 && size <= max
            ? size
            : throw new CrmValidationException("pageSize", $"pageSize must be a whole number from 1 to {max}.");
    }
}
