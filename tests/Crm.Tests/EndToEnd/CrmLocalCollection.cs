using Crm.Tests.Fixtures;

namespace Crm.Tests.EndToEnd;

/// <summary>One Crm.Local process for every end-to-end test; they run one after another because the sandbox rules are global.</summary>
[CollectionDefinition(Name)]
public sealed class CrmLocalCollection : ICollectionFixture<CrmLocalFixture>
{
    public const string Name = "Crm.Local over HTTP";
}
