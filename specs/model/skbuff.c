/* skb->truesize, as measured with SIOCOUTQ on the reference kernel and
 * explained by net/core/skbuff.c: __alloc_skb() rounds the head (data plus
 * struct skb_shared_info) up to its kmalloc bucket, and
 * alloc_skb_with_frags() adds whole pages for the fragments.  A one-byte
 * write costs 768 bytes of send buffer; 36544 bytes (the largest skb a
 * unix stream socket sends) cost 37120. */
#include "kernel.h"
#include "skbuff.h"

#define SMP_CACHE_BYTES 64u
/* SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) */
#define SKB_SHINFO_SIZE 320u
/* SKB_DATA_ALIGN(sizeof(struct sk_buff)) */
#define SKB_STRUCT_SIZE 256u

static uint32_t skb_data_align(uint32_t x)
{
	return (x + SMP_CACHE_BYTES - 1) & ~(SMP_CACHE_BYTES - 1);
}

static uint32_t page_align(uint32_t x)
{
	return (x + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

/* kmalloc_size_roundup(): the kmalloc-cg-* caches, then whole pages (the
 * head never exceeds one page here). */
static uint32_t kmalloc_size_roundup(uint32_t size)
{
	static const uint32_t caches[] = {8,   16,  32,	  64,	96,   128, 192,
					  256, 512, 1024, 2048, 4096, 8192};

	for (unsigned int i = 0; i < sizeof(caches) / sizeof(caches[0]); i++)
		if (size <= caches[i])
			return caches[i];
	return page_align(size);
}

/* __alloc_skb(): SKB_TRUESIZE(usable head size); then
 * alloc_skb_with_frags(): PAGE_SIZE << order for each fragment chunk,
 * which adds up to the page-rounded fragment length. */
uint32_t skb_truesize(uint32_t header_len, uint32_t data_len)
{
	uint32_t obj = kmalloc_size_roundup(skb_data_align(header_len) +
					    SKB_SHINFO_SIZE);

	return obj - SKB_SHINFO_SIZE + SKB_STRUCT_SIZE + SKB_SHINFO_SIZE +
	       page_align(data_len);
}
