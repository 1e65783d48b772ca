namespace TeamRetro.Confluence.Emulator;

/// <summary>
/// Standalone emulator (docker-compose, scripts/run-local.sh). Seeds users and spaces from configuration:
/// Emulator:Users:0:Name / Password / PersonalAccessToken, Emulator:Spaces:0 (defaults: publisher /
/// publisher-password, space TEAM), Emulator:Product (DataCenter, the default, or Cloud), Emulator:ContextPath (Data
/// Center, e.g. /confluence), and Emulator:Latency added to every REST call (the load driver). Not the product: it only ever holds test data.
/// </summary>
public static class EmulatorProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var section = builder.Configuration.GetSection("Emulator");
        var users = section.GetSection("Users").GetChildren()
            .Select(u => new EmulatorUser(u["Name"] ?? "publisher", u["Password"] ?? "", u["PersonalAccessToken"]))
            .ToList();
        var spaces = section.GetSection("Spaces").GetChildren().Select(s => s.Value!).Where(s => !string.IsNullOrEmpty(s)).ToList();
        var options = new EmulatorOptions
        {
            Users = users.Count > 0 ? users : new EmulatorOptions().Users,
            SpaceKeys = spaces.Count > 0 ? spaces : new EmulatorOptions().SpaceKeys,
            Product = section.GetValue("Product", EmulatedProduct.DataCenter),
            ContextPath = section["ContextPath"] ?? "",
            AllowAnonymous = section.GetValue<bool>("AllowAnonymous"),
            Latency = section.GetValue<TimeSpan>("Latency"),
        };
        var app = EmulatorApp.Build(builder, options, new EmulatorState(), new RequestJournal(), new FaultInjection(), new OAuthServer());
        await app.RunAsync();
    }
}
