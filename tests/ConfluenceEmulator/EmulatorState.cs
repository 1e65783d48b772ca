namespace TeamRetro.Confluence.Emulator;

public sealed record EmulatorUser(string Name, string Password, string? PersonalAccessToken = null, IReadOnlyCollection<string>? WritableSpaces = null);

public sealed record SpaceSnapshot(string Id, string Key, string Name);

public sealed record PageSnapshot(string Id, string SpaceKey, string Title, int Version, string? VersionMessage, string? ParentId, string Body, string CreatedBy);

public sealed record AttachmentSnapshot(string Id, string PageId, string FileName, int Version, string MediaType, string? Comment, byte[] Data)
{
    public int VersionCount => Version;
}

/// <summary>
/// What the emulated Confluence holds. One lock guards everything: the emulator favours obviously-correct over fast,
/// and tests read consistent snapshots.
/// </summary>
public sealed class EmulatorState
{
    readonly object gate = new();
    readonly List<Space> spaces = [];
    readonly List<Page> pages = [];
    readonly List<Attachment> attachments = [];
    readonly Dictionary<string, EmulatorUser> users = new(StringComparer.Ordinal);
    long nextId = 98_000;

    public IReadOnlyList<PageSnapshot> Pages
    {
        get { lock (gate) return pages.Select(p => p.Snapshot()).ToList(); }
    }

    public IReadOnlyList<SpaceSnapshot> Spaces
    {
        get { lock (gate) return spaces.Select(s => new SpaceSnapshot(s.Id, s.Key, s.Name)).ToList(); }
    }

    public IReadOnlyList<AttachmentSnapshot> AttachmentsOf(string pageId)
    {
        lock (gate) return attachments.Where(a => a.PageId == pageId).Select(a => a.Snapshot()).ToList();
    }

    public SpaceSnapshot AddSpace(string key, string? name = null)
    {
        lock (gate)
        {
            var space = new Space(NextId(), key, name ?? key + " space");
            spaces.Add(space);
            return new SpaceSnapshot(space.Id, space.Key, space.Name);
        }
    }

    public void AddUser(EmulatorUser user)
    {
        lock (gate) users[user.Name] = user;
    }

    /// <summary>Puts a page in place as if a person had written it (no request is recorded).</summary>
    public PageSnapshot AddPage(string spaceKey, string title, string body, string? parentId = null, string author = "someone-else")
    {
        lock (gate)
        {
            var page = new Page(NextId(), spaceKey, title, parentId, author);
            page.Versions.Add(new PageVersion(1, body, "", DateTimeOffset.UtcNow));
            pages.Add(page);
            return page.Snapshot();
        }
    }

    /// <summary>Deletes a page and its attachments as if a person had (no request is recorded); its children are moved to the space root.</summary>
    public void DeletePage(string pageId)
    {
        lock (gate)
        {
            pages.RemoveAll(p => p.Id == pageId);
            attachments.RemoveAll(a => a.PageId == pageId);
            foreach (var child in pages.Where(p => p.ParentId == pageId))
                child.ParentId = null;
        }
    }

    // What the endpoints use, under the lock.

    /// <summary>Runs the endpoint's reads and writes of the state under its lock.</summary>
    internal T Locked<T>(Func<StateView, T> action)
    {
        lock (gate) return action(new StateView(this));
    }

    internal sealed class StateView(EmulatorState state)
    {
        public List<Space> Spaces => state.spaces;
        public List<Page> Pages => state.pages;
        public List<Attachment> Attachments => state.attachments;
        public Dictionary<string, EmulatorUser> Users => state.users;
        public string NextId() => state.NextId();
    }

    string NextId() => (++nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal sealed record Space(string Id, string Key, string Name);

    internal sealed record PageVersion(int Number, string Body, string? Message, DateTimeOffset When);

    internal sealed class Page(string id, string spaceKey, string title, string? parentId, string createdBy)
    {
        public string Id { get; } = id;
        public string SpaceKey { get; } = spaceKey;
        public string Title { get; set; } = title;
        public string? ParentId { get; set; } = parentId;
        public string CreatedBy { get; } = createdBy;
        public List<PageVersion> Versions { get; } = [];
        public PageVersion Current => Versions[^1];

        public PageSnapshot Snapshot() => new(Id, SpaceKey, Title, Current.Number, Current.Message, ParentId, Current.Body, CreatedBy);
    }

    internal sealed record AttachmentVersion(byte[] Data, string MediaType, string? Comment);

    internal sealed class Attachment(string id, string pageId, string fileName)
    {
        public string Id { get; } = id;
        public string PageId { get; } = pageId;
        public string FileName { get; } = fileName;
        public List<AttachmentVersion> Versions { get; } = [];

        public AttachmentSnapshot Snapshot() =>
            new(Id, PageId, FileName, Versions.Count, Versions[^1].MediaType, Versions[^1].Comment, Versions[^1].Data);
    }
}
