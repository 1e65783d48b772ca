using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Tests.Shared;
using TeamRetro.Confluence.Worker.Tests.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Publication;

/// <summary>Server passwords are encrypted at rest (not hashed: they must be sent) and never logged.</summary>
public sealed class SecretHandlingTests : IAsyncLifetime
{
    PublicationHarness h = null!;

    public async Task InitializeAsync() => h = await PublicationHarness.StartAsync();

    public async Task DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public async Task The_database_file_never_holds_the_password_in_plain_text()
    {
        var meeting = SampleMeetings.Retrospective(h.TenantId);
        await h.Publish(meeting);
        await h.WaitForState(PublicationId.For(meeting.TenantId, meeting.MeetingId), m => m.Published); // the secret was decrypted and used

        var database = h.DatabaseFile;
        SqliteConnection.ClearAllPools(); // flush the WAL into the file
        var bytes = File.ReadAllBytes(database).Concat(File.Exists(database + "-wal") ? File.ReadAllBytes(database + "-wal") : []).ToArray();

        Assert.Equal(-1, IndexOf(bytes, Encoding.UTF8.GetBytes(PublicationHarness.Password)));
        Assert.Equal(-1, IndexOf(bytes, Encoding.Unicode.GetBytes(PublicationHarness.Password)));
        Assert.NotEqual(-1, IndexOf(bytes, Encoding.UTF8.GetBytes(PublicationHarness.User))); // the scan does see the row
    }

    [Fact]
    public async Task A_secret_encrypted_with_another_key_ring_fails_clearly_and_permanently()
    {
        await h.ConfigureIntegration(h.TenantId, i => i.EncryptedSecret = "CfDJ8not-a-real-ciphertext");
        var meeting = SampleMeetings.Retrospective(h.TenantId);
        await h.Publish(meeting);

        var saga = await h.WaitForState(PublicationId.For(meeting.TenantId, meeting.MeetingId), m => m.Failed);

        Assert.Contains("cannot be decrypted", saga.LastError, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Requests.All);
    }

    [Fact]
    public async Task Neither_a_right_nor_a_wrong_password_reaches_any_log()
    {
        const string wrong = "Wr0ng-Secret-Value-17";
        var good = SampleMeetings.Retrospective(h.TenantId);
        await h.Publish(good);
        await h.WaitForState(PublicationId.For(good.TenantId, good.MeetingId), m => m.Published);

        var otherTenant = Guid.NewGuid();
        await h.ConfigureIntegration(otherTenant, i => i.EncryptedSecret = h.Services.GetRequiredService<SecretProtector>().Protect(wrong));
        var bad = SampleMeetings.Retrospective(otherTenant);
        await h.Publish(bad);
        await h.WaitForState(PublicationId.For(bad.TenantId, bad.MeetingId), m => m.Failed);

        var entries = TestLogging.Entries();
        Assert.NotEmpty(entries);
        Assert.DoesNotContain(entries, e => e.Contains(PublicationHarness.Password, StringComparison.Ordinal) || e.Contains(wrong, StringComparison.Ordinal));
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{PublicationHarness.User}:{PublicationHarness.Password}"));
        Assert.DoesNotContain(entries, e => e.Contains(basic, StringComparison.Ordinal));
    }

    static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
