using System.Security.Cryptography;

namespace TeamRetro.Confluence.Contracts;

/// <summary>
/// The publication (saga) id is derived from (tenant, meeting), so every delivery of the same meeting lands on
/// the same saga instance, whichever process or language published it.
/// </summary>
public static class PublicationId
{
    public static Guid For(Guid tenantId, Guid meetingId)
    {
        Span<byte> input = stackalloc byte[32];
        tenantId.TryWriteBytes(input[..16]);
        meetingId.TryWriteBytes(input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        // Mark it as an RFC 9562 version-8 (custom) UUID so it never collides with random v4 ids.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
