namespace TeamRetro.Confluence.Api.Demo;

public static class DemoRegistration
{
    /// <summary>With Demo:Enabled, the demo tenant's integration is seeded at start, pointing at the local emulator.</summary>
    public static void AddDemo(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DemoOptions.Section);
        builder.Services.Configure<DemoOptions>(section);
        if (section.Get<DemoOptions>()?.Enabled == true)
            builder.Services.AddHostedService<DemoTenantSeeder>();
    }
}
