namespace TeamRetro.Confluence.Api.Demo;

/// <summary>
/// Bound from "Demo". Only for the embedded quick start: a demo tenant wired to the local Confluence emulator and an
/// endpoint that publishes a sample meeting. Never enable it in production.
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }
    public Guid TenantId { get; set; } = new("5e1f0d3e-0000-4000-8000-000000000001");
    public Uri ConfluenceBaseUrl { get; set; } = new("http://127.0.0.1:5080/");
    public string Username { get; set; } = "publisher";
    public string Password { get; set; } = "publisher-password";
    public string SpaceKey { get; set; } = "TEAM";
}
