/*
 * A minimal hsdis for x86-64 on Capstone: HotSpot's disassembler plugin protocol (the
 * decode_instructions_virtual entry point; HotSpot prints what the callback receives). Enough for
 * -XX:+PrintAssembly and JMH's -prof perfasm on a machine without a packaged hsdis.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <stdbool.h>
#include <capstone/capstone.h>
typedef void* (*ev_t)(void*, const char*, void*);
typedef int (*pf_t)(void*, const char*, ...);
static void* null_ev(void* s, const char* e, void* a) { return NULL; }
void* decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va, unsigned char* buffer, uintptr_t length,
    ev_t ev, void* es, pf_t pf, void* ps, const char* options, int newline) {
  csh h;
  if (pf == NULL) { pf = (pf_t) &fprintf; if (ps == NULL) ps = stdout; }
  if (ev == NULL) ev = &null_ev;
  if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) return NULL;
  cs_option(h, CS_OPT_SKIPDATA, CS_OPT_ON);
  cs_insn* insn;
  size_t n = cs_disasm(h, buffer, length, (uintptr_t) buffer, 0, &insn);
  for (size_t j = 0; j < n; j++) {
    (*ev)(es, "insn", (void*) insn[j].address);
    (*pf)(ps, "%s\t\t%s", insn[j].mnemonic, insn[j].op_str);
    (*ev)(es, "/insn", (void*) (insn[j].address + insn[j].size));
    if (newline) (*pf)(ps, "\n");
  }
  if (n) cs_free(insn, n);
  cs_close(&h);
  return NULL;
}
