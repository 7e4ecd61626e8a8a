[assembly: AssemblyFixture(typeof(Crm.Tests.Fixtures.AzuriteFixture))]
