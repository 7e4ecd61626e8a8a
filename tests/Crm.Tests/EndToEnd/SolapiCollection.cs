using Crm.Tests.Fixtures;

namespace Crm.Tests.EndToEnd;

/// <summary>One Crm.Local sending through Solapi (a stub of it) for the delivery report tests; they run one after another as the stub's rules are global.</summary>
[CollectionDefinition(Name)]
public sealed class SolapiCollection : ICollectionFixture<SolapiLocalFixture>
{
    public const string Name = "Crm.Local with Solapi over HTTP";
}
