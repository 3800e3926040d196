# Layering, enforced by the compiler: every target of lib/, bench/ and test/
# sees the project's headers through an include root of its own, in the
# build tree, that holds only its own folder (a link to the source). A file
# includes "lib/core/task.h" as usual, but the path resolves only in targets
# that link parbench_core, directly or through a layer above it; there is no
# include root for the whole tree.
function(parbench_include_root target folder)
  set(root ${PROJECT_BINARY_DIR}/include/${target})
  get_filename_component(parent ${root}/${folder} DIRECTORY)
  file(MAKE_DIRECTORY ${parent})
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${folder} ${root}/${folder} SYMBOLIC)
  target_include_directories(${target} PUBLIC ${root})
endfunction()
