/* The raw cmark limit: render the Markdown body of every plan file to an HTML file, nothing else.
 * usage: cmark_limit <plans folder> <output folder>
 * The front matter (between the first two "---" lines) is skipped; lengths passed to cmark are byte counts. */
#include <cmark.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_file(const char *path, size_t *length) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *buffer = malloc((size_t)size + 1);
    *length = fread(buffer, 1, (size_t)size, file);
    buffer[*length] = 0;
    fclose(file);
    return buffer;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s <plans> <out>\n", argv[0]); return 2; }
    DIR *folder = opendir(argv[1]);
    if (!folder) { perror(argv[1]); return 1; }
    struct dirent *entry;
    size_t files = 0, bytes = 0;
    char path[4096], out[4096];
    while ((entry = readdir(folder))) {
        size_t name = strlen(entry->d_name);
        if (name < 4 || strcmp(entry->d_name + name - 3, ".md") != 0) continue;
        snprintf(path, sizeof path, "%s/%s", argv[1], entry->d_name);
        size_t length;
        char *text = read_file(path, &length);
        if (!text) continue;
        char *body = text;
        if (strncmp(text, "---\n", 4) == 0) {
            char *close = strstr(text + 4, "\n---\n");
            if (close) body = close + 5;
        }
        size_t body_length = length - (size_t)(body - text);
        char *html = cmark_markdown_to_html(body, body_length, CMARK_OPT_DEFAULT);
        snprintf(out, sizeof out, "%s/%s.html", argv[2], entry->d_name);
        FILE *file = fopen(out, "wb");
        if (file) { fwrite(html, 1, strlen(html), file); fclose(file); }
        free(html);
        free(text);
        files++;
        bytes += body_length;
    }
    closedir(folder);
    printf("%zu files, %zu bytes of Markdown\n", files, bytes);
    return 0;
}
