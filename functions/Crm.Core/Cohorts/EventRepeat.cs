namespace Crm.Core.Cohorts;

/// <summary>B4: repeat every <see cref="EveryDays"/> days after the first send, ending after <see cref="Runs"/> sends or on <see cref="Until"/> (a day in the tenant's zone, inclusive); an end is mandatory.</summary>
public sealed record EventRepeat(int EveryDays, DateOnly? Until = null, int? Runs = null);
