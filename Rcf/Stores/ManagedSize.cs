using System.Runtime.CompilerServices;

namespace TurbineConsole.Rcf.Stores;

/// <summary>Heap bytes of arrays on a 64-bit runtime: a 24-byte header (with the length), the elements, padded to 8.</summary>
internal static class ManagedSize
{
    /// <summary>Bytes <paramref name="array"/> takes on the heap; 0 for an empty one (they are shared).</summary>
    public static long Of<T>(T[] array)
        where T : unmanaged =>
        array.Length == 0 ? 0 : (24L + (long)array.Length * Unsafe.SizeOf<T>() + 7) & ~7L;
}
