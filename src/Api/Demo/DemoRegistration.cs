namespace TeamRetro.Confluence.Api.Demo;

public static class DemoRegistration
{
    /// <summary>With Demo:Enabled, the demo tenant's integration is seeded at start, pointing at the local emulator.</summary>
    public static void AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
        if (builder.Configuration.GetValue<bool>($"{DemoOptions.Section}:Enabled"))
            builder.Services.AddHostedService<DemoTenantSeeder>();
    }
}
