using Scriban;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>
/// Parsed tenant templates by the SHA-256 of their text, least recently used first out, bounded by the total size of
/// their texts and by their number. Thread-safe.
/// </summary>
internal sealed class TemplateCache(long maxBytes, int maxCount)
{
    readonly Lock gate = new();
    readonly Dictionary<string, LinkedListNode<Entry>> entries = new(StringComparer.Ordinal);
    readonly LinkedList<Entry> recency = new();
    long bytes;

    public int Count
    {
        get { lock (gate) return entries.Count; }
    }

    public long Bytes
    {
        get { lock (gate) return bytes; }
    }

    public bool TryGet(string key, out Template template)
    {
        lock (gate)
        {
            if (entries.TryGetValue(key, out var node))
            {
                recency.Remove(node);
                recency.AddFirst(node);
                template = node.Value.Template;
                return true;
            }
        }

        template = null!;
        return false;
    }

    public void Add(string key, Template template, int size)
    {
        if (size > maxBytes)
            return;
        lock (gate)
        {
            if (entries.ContainsKey(key))
                return;
            while (recency.Last is { } oldest && (bytes + size > maxBytes || entries.Count >= maxCount))
            {
                recency.RemoveLast();
                entries.Remove(oldest.Value.Key);
                bytes -= oldest.Value.Size;
            }

            entries[key] = recency.AddFirst(new Entry(key, template, size));
            bytes += size;
        }
    }

    sealed record Entry(string Key, Template Template, int Size);
}
