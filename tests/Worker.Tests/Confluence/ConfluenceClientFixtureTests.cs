using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Publishing.Confluence;

namespace TeamRetro.Confluence.Worker.Tests.Confluence;

/// <summary>Tests of the client against a fresh <see cref="ConfluenceClientFixture"/> each, started as the subclass says.</summary>
public abstract class ConfluenceClientFixtureTests(Func<Task<ConfluenceClientFixture>> start) : IAsyncLifetime
{
    ConfluenceClientFixture fixture = null!;

    protected ConfluenceEmulator Emulator => fixture.Emulator;
    protected ConfluenceSite Site => fixture.Site;
    protected ConfluenceClient Client => fixture.Client;

    public async Task InitializeAsync() => fixture = await start();

    public async Task DisposeAsync() => await fixture.DisposeAsync();
}
