-- The usfk-argmap Pandoc filter for Quarto (and pandoc --lua-filter): each map block and map image
-- is handed, as a one-block JSON document, to `usfk-argmap pandoc-filter FORMAT`, which draws it.
-- The command is `usfk-argmap`, or what the USFK_ARGMAP environment variable names. Its diagnostics
-- reach standard error; a map with errors stops the build (pandoc.pipe fails on exit code 1).

local command = os.getenv("USFK_ARGMAP") or "usfk-argmap"

local function is_map(element)
  for _, name in ipairs(element.classes) do
    if name == "argmap" then
      return true
    end
  end
  return false
end

local function drawn(blocks)
  local text = pandoc.write(pandoc.Pandoc(blocks), "json")
  return pandoc.read(pandoc.pipe(command, { "pandoc-filter", FORMAT }, text), "json").blocks
end

return {
  {
    CodeBlock = function(block)
      if is_map(block) then
        return drawn({ block })
      end
    end,
    Image = function(image)
      if is_map(image) then
        return drawn({ pandoc.Plain({ image }) })[1].content[1]
      end
    end,
  },
}
