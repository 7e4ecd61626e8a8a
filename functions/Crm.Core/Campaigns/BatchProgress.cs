namespace Crm.Core.Campaigns;

public sealed record BatchProgress(int Total, int Completed);
