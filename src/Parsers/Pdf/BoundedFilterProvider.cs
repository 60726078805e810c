using System.IO.Compression;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace SciCurate.Parsers.Pdf;

/// <summary>
/// PdfPig's filters under a <see cref="DecodeLimit"/>: every stream the library decodes (content streams, fonts,
/// forms, object and xref streams, images when asked for) goes through here. FlateDecode, the usual bomb, is inflated
/// here with the limit checked as it grows, so a stream inflating to gigabytes stops after the limit's worth of work;
/// the other filters (whose expansion is bounded or rare) are checked on their output.
/// </summary>
public sealed class BoundedFilterProvider(IFilterProvider inner, DecodeLimit limit) : IFilterProvider
{
    private readonly Dictionary<IFilter, IFilter> _wrapped = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(inner.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(inner.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Wrap(inner.GetAllFilters());

    private IFilter[] Wrap(IReadOnlyList<IFilter> filters)
    {
        var result = new IFilter[filters.Count];
        lock (_wrapped)
        {
            for (var i = 0; i < filters.Count; i++)
            {
                var filter = filters[i];
                if (!_wrapped.TryGetValue(filter, out var wrapped))
                {
                    wrapped = filter is FlateFilter ? new BoundedFlateFilter(filter, limit) : new CheckedFilter(filter, limit);
                    _wrapped[filter] = wrapped;
                }

                result[i] = wrapped;
            }
        }

        return result;
    }

    /// <summary>Decodes with the library's filter, then checks the size of what came out.</summary>
    private sealed class CheckedFilter(IFilter filter, DecodeLimit limit) : IFilter
    {
        public bool IsSupported => filter.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            var output = filter.Decode(input, streamDictionary, filterProvider, filterIndex);
            return output.Length > limit.MaxBytes ? throw limit.Trip(filter.GetType().Name.Replace("Filter", "", StringComparison.Ordinal)) : output;
        }
    }

    /// <summary>
    /// FlateDecode inflated with the limit checked as the output grows. Streams with a PNG/TIFF predictor (xref
    /// streams, some images) are handed to the library's filter once the inflated size is known to be within the
    /// limit (a predictor never makes the output larger); anything the inflater rejects is too, so corrupt streams
    /// read exactly as PdfPig reads them.
    /// </summary>
    private sealed class BoundedFlateFilter(IFilter library, DecodeLimit limit) : IFilter
    {
        public bool IsSupported => true;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            Memory<byte> inflated;
            try
            {
                inflated = Inflate(input);
            }
            catch (InvalidDataException)
            {
                return library.Decode(input, streamDictionary, filterProvider, filterIndex);
            }

            return HasPredictor(streamDictionary, filterIndex) ? library.Decode(input, streamDictionary, filterProvider, filterIndex) : inflated;
        }

        private Memory<byte> Inflate(Memory<byte> input)
        {
            if (input.Length < 2)
            {
                return Memory<byte>.Empty;
            }

            // Like the library: the two zlib header bytes are skipped and the raw deflate data read.
            var data = input[2..];
            using var source = System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(data, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(data.ToArray(), writable: false);
            using var deflate = new DeflateStream(source, CompressionMode.Decompress);
            var cap = limit.MaxBytes;
            var buffer = new byte[(int)Math.Min(cap + 1, Math.Max(4096L, input.Length * 4L))];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > cap)
                    {
                        throw limit.Trip("FlateDecode");
                    }

                    Array.Resize(ref buffer, (int)Math.Min(cap + 1, Math.Min((long)Array.MaxLength, buffer.Length * 2L)));
                }

                var read = deflate.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return length > cap ? throw limit.Trip("FlateDecode") : buffer.AsMemory(0, length);
        }

        private static bool HasPredictor(DictionaryToken streamDictionary, int filterIndex)
        {
            var parameters = DecodeParameterResolver.GetFilterParameters(streamDictionary, filterIndex);
            return parameters.TryGet(NameToken.Predictor, out NumericToken predictor) && predictor.Int > 1;
        }
    }
}
