// MSBuild inline task (RoslynCodeTaskFactory), used by TorchSharpNativeFix.targets.
// When the system libstdc++ lacks a GLIBCXX symbol version that a native library asks for, writes a copy of
// that library whose requirement on the version is marked weak (VER_FLG_WEAK), so the dynamic loader accepts it.
// ELF layout: System V gABI, "Symbol Versioning" (Verneed / Vernaux records of SHT_GNU_verneed).
#nullable enable
using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class MakeWeakGlibcxxRequirement : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    [Required] public ITaskItem[] Sources { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string Destination { get; set; } = "";
    [Required] public string Version { get; set; } = "";
    [Output] public bool Patched { get; set; }

    public override bool Execute()
    {
        var libstdcxx = FindSystemLibstdcxx();
        if (libstdcxx != null && Contains(File.ReadAllBytes(libstdcxx), Encoding.ASCII.GetBytes(Version + "\0")))
        {
            Log.LogMessage(MessageImportance.Low, "{0} provides {1}; native libraries are used as shipped.", libstdcxx, Version);
            return true;
        }

        Directory.CreateDirectory(Destination);
        foreach (var source in Sources)
        {
            var target = Path.Combine(Destination, Path.GetFileName(source.ItemSpec));
            var bytes = File.ReadAllBytes(source.ItemSpec);
            int marked = MarkWeak(bytes, Version);
            if (marked < 0)
            {
                Log.LogError("{0} is not a 64-bit little-endian ELF file with a .gnu.version_r section.", source.ItemSpec);
                return false;
            }
            // Idempotent: an up-to-date copy is left alone, so its timestamp does not trigger further copies.
            if (!File.Exists(target) || !File.ReadAllBytes(target).SequenceEqual(bytes))
            {
                File.WriteAllBytes(target, bytes);
            }
            Log.LogMessage(MessageImportance.Normal, "{0}: {1} requirement(s) on {2} marked weak in {3} (system libstdc++: {4}).",
                Path.GetFileName(source.ItemSpec), marked, Version, target, libstdcxx ?? "not found");
        }
        Patched = true;
        return true;
    }

    /// <summary>Sets VER_FLG_WEAK on every Vernaux entry naming <paramref name="version"/>; returns how many matched, or -1.</summary>
    private static int MarkWeak(byte[] elf, string version)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F'
            || elf[4] != 2 /* ELFCLASS64 */ || elf[5] != 1 /* little endian */)
        {
            return -1;
        }
        long shoff = (long)BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A);
        int shnum = BitConverter.ToUInt16(elf, 0x3C);
        for (int s = 0; s < shnum; s++)
        {
            long sh = shoff + (long)s * shentsize;
            if (BitConverter.ToUInt32(elf, (int)sh + 4) != ShtGnuVerneed)
            {
                continue;
            }
            long offset = (long)BitConverter.ToUInt64(elf, (int)sh + 24);
            int strtabIndex = (int)BitConverter.ToUInt32(elf, (int)sh + 40);
            int needCount = (int)BitConverter.ToUInt32(elf, (int)sh + 44);
            long strtab = (long)BitConverter.ToUInt64(elf, (int)(shoff + (long)strtabIndex * shentsize) + 24);

            int matched = 0;
            long need = offset;
            for (int n = 0; n < needCount; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
                long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    string name = ReadCString(elf, strtab + BitConverter.ToUInt32(elf, (int)aux + 8));
                    if (name == version)
                    {
                        ushort flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                        BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(elf, (int)aux + 4);
                        matched++;
                    }
                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }
                need += BitConverter.ToUInt32(elf, (int)need + 12);
            }
            return matched;
        }
        return -1;
    }

    private static string ReadCString(byte[] bytes, long start)
    {
        long end = start;
        while (bytes[end] != 0)
        {
            end++;
        }
        return Encoding.ASCII.GetString(bytes, (int)start, (int)(end - start));
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i <= haystack.Length - needle.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j])
            {
                j++;
            }
            if (j == needle.Length)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The libstdc++.so.6 the dynamic loader would pick: from ldconfig's cache, else the usual directories.</summary>
    private static string? FindSystemLibstdcxx()
    {
        try
        {
            var ldconfig = File.Exists("/sbin/ldconfig") ? "/sbin/ldconfig" : "ldconfig";
            var info = new ProcessStartInfo(ldconfig, "-p") { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(info);
            if (process != null)
            {
                string output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                var line = output.Split('\n')
                    .Where(l => l.TrimStart().StartsWith("libstdc++.so.6 ", StringComparison.Ordinal))
                    .OrderByDescending(l => l.Contains("x86-64") || l.Contains("AArch64") ? 1 : 0)
                    .FirstOrDefault();
                int arrow = line?.IndexOf("=> ", StringComparison.Ordinal) ?? -1;
                if (line != null && arrow >= 0 && File.Exists(line.Substring(arrow + 3).Trim()))
                {
                    return line.Substring(arrow + 3).Trim();
                }
            }
        }
        catch (Exception)
        {
            // No ldconfig: fall back to the usual locations below.
        }
        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        };
        return candidates.FirstOrDefault(File.Exists);
    }
}
