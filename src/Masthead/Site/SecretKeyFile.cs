using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Masthead.Site;

/// <summary>A 32-byte HMAC key kept under {DataDirectory}/keys, encrypted with data protection, so every instance
/// sharing the data directory signs and verifies with the same key. Two instances creating it at once: the first
/// move wins and both then read that file.</summary>
public static class SecretKeyFile
{
    public static byte[] LoadOrCreate(IDataProtectionProvider protection, string dataDirectory, string fileName, string purpose)
    {
        var protector = protection.CreateProtector(purpose);
        var directory = Path.Combine(dataDirectory, "keys");
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(directory);
            var temp = path + "." + Guid.NewGuid().ToString("n") + ".tmp";
            File.WriteAllBytes(temp, protector.Protect(RandomNumberGenerator.GetBytes(32)));
            try { File.Move(temp, path, overwrite: false); }
            catch (IOException) { File.Delete(temp); }
        }
        return protector.Unprotect(File.ReadAllBytes(path));
    }
}
