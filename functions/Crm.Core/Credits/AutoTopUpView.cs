namespace Crm.Core.Credits;

public sealed record AutoTopUpView(bool Enabled, long Threshold, int PackageCredits, bool CardRegistered, string? DisabledReason);
