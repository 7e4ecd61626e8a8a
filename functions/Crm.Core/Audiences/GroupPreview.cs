namespace Crm.Core.Audiences;

public sealed record GroupPreview(int Count, IReadOnlyList<CustomerView> FirstMembers);
